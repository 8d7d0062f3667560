import { channel } from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { startTestApp, type TestApp, type TestAppOptions } from './app.ts';

/**
 * Builds the app and records every route it registers: Fastify publishes each new instance on the
 * `fastify.initialization` channel before any route exists, so an `onRoute` hook added there sees them all.
 */
export async function startRecordingRoutes(
  options: TestAppOptions = {},
): Promise<{ t: TestApp; routes: Map<string, Set<string>> }> {
  const routes = new Map<string, Set<string>>();
  const initialization = channel('fastify.initialization');
  const record = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = routes.get(route.url) ?? new Set<string>();
      for (const method of [route.method].flat()) methods.add(method);
      routes.set(route.url, methods);
    });
  };
  initialization.subscribe(record);
  try {
    return { t: await startTestApp(options), routes };
  } finally {
    initialization.unsubscribe(record);
  }
}
