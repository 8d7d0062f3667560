# One Portcullis node. Node 24 runs the TypeScript sources as they are (type stripping): nothing is compiled.
#
#   docker build -t portcullis .
#   docker run -d --name portcullis -p 4400:4400 -v portcullis-data:/var/lib/portcullis \
#     -e PORTCULLIS_PUBLIC_URL=http://localhost:4400 portcullis
#   docker exec portcullis cat /var/lib/portcullis/first-platform-key   # the platform key, written on the first start
#
# Several nodes on PostgreSQL and Redis behind a load balancer: compose.yaml and docs/deployment.md.
# No secret is in the image: the pepper and the master key come from PORTCULLIS_PEPPER and
# PORTCULLIS_MASTER_KEY, or are generated into the data volume on the first start.

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Production dependencies only. The `node` dev dependency, which pins Node 24 for `npm run` on machines whose
# own Node is older, stays out: this image's Node is 24. No production dependency has an install script.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# The console is built with the dev dependencies (Vite, React) into static files; only those reach the image.
FROM ${NODE_IMAGE} AS console
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts
COPY src ./src
RUN node src/console/build.ts --force

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="Portcullis" \
      org.opencontainers.image.description="API keys, OAuth 2.1 clients, scopes, plans, rate limits and audit feeds for multi-tenant SaaS platforms" \
      org.opencontainers.image.licenses="Apache-2.0"
# Listen on every interface of the container (the default, 127.0.0.1, is unreachable from outside it).
# The data directory holds the SQLite database, and the pepper and master-key files unless the environment
# gives them; with DATABASE_URL and both secrets in the environment nothing is written there.
ENV HOST=0.0.0.0 \
    PORT=4400 \
    PORTCULLIS_DATA_DIR=/var/lib/portcullis
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
# The guides the server renders at /docs/guides, and the example code they include.
COPY docs/guides ./docs/guides
COPY examples/protect-your-api ./examples/protect-your-api
COPY examples/machine-clients ./examples/machine-clients
COPY --from=console /app/dist/console ./dist/console
# The code stays root's and read-only to the server; only the data directory is the server's own.
# `portcullis` on the PATH: `docker exec … portcullis tenants create --name …`.
RUN mkdir -p /var/lib/portcullis \
 && chown node:node /var/lib/portcullis \
 && chmod 0700 /var/lib/portcullis \
 && ln -s /app/bin/portcullis.js /usr/local/bin/portcullis
USER node
VOLUME ["/var/lib/portcullis"]
EXPOSE 4400
# Liveness only: /healthz touches nothing. A load balancer asks /readyz (the database answers in time).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4400)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# On an empty data directory `serve` creates the database and writes the first platform key to a 0600 file there
# (never to the log); it applies pending migrations, and on SIGTERM drains the requests in flight and writes its
# buffers before it exits.
CMD ["node", "src/cli/main.ts", "serve"]
