import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify from 'fastify';
import { callerAddress } from '../../src/http/caller-address.ts';

/** The verify pipeline runs before Fastify: it must name the caller as Fastify's `request.ip` does elsewhere. */
describe("the verify pipeline's caller address agrees with Fastify's request.ip", () => {
  const forwarded = [
    undefined,
    '203.0.113.7',
    '203.0.113.7, 10.0.0.2',
    ' 198.51.100.1 ,10.0.0.2, 10.0.0.3',
    '2001:db8::1, 10.0.0.2',
  ];
  for (const trustProxy of [true, false]) {
    test(`trustProxy ${trustProxy}`, async () => {
      const app = Fastify({ trustProxy });
      app.get('/', async (request) => ({
        fastify: request.ip,
        pipeline: callerAddress(request.raw, trustProxy),
      }));
      try {
        for (const header of forwarded) {
          const response = await app.inject({
            method: 'GET',
            url: '/',
            remoteAddress: '10.0.0.9',
            headers: header === undefined ? {} : { 'x-forwarded-for': header },
          });
          const { fastify, pipeline } = response.json() as { fastify: string; pipeline: string };
          assert.equal(pipeline, fastify, `X-Forwarded-For: ${header}`);
          if (header === '203.0.113.7, 10.0.0.2')
            assert.equal(pipeline, trustProxy ? '203.0.113.7' : '10.0.0.9', 'the client behind the proxy');
        }
      } finally {
        await app.close();
      }
    });
  }
});
