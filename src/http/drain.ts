import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  ServerResponse,
} from 'node:http';

/**
 * The HTTP server, able to drain. Once `drain()` is called (the app is closing), every answer not yet begun says
 * `Connection: close` and its connection closes once it is sent (RFC 9112 §9.6): requests in flight are answered,
 * and a keep-alive client (a load balancer) can neither send one more on that connection nor hold the process
 * open until its keep-alive timeout. Connections idle at that moment are closed by the framework.
 */
export function drainableServer(): {
  create(handler: RequestListener): Server;
  /** Starts the drain; a Fastify `preClose` hook. */
  drain(done: () => void): void;
} {
  let draining = false;
  class DrainingResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
    // Every answer begins here: explicitly, or through the implicit header of the first write.
    override writeHead(statusCode: number, ...rest: unknown[]): this {
      if (draining) this.shouldKeepAlive = false;
      return Reflect.apply(ServerResponse.prototype.writeHead, this, [statusCode, ...rest]) as this;
    }
  }
  return {
    create: (handler) => createServer({ ServerResponse: DrainingResponse }, handler),
    drain(done) {
      draining = true;
      done();
    },
  };
}
