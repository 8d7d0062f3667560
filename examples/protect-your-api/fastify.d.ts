import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Verifier } from './portcullis.js';

export { createVerifier } from './portcullis.js';
export function requireKey(
  verifier: Verifier,
  scopes?: readonly string[],
): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
