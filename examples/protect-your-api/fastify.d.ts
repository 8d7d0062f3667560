import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CheckOptions, Verifier } from './portcullis.js';

export { createVerifier } from './portcullis.js';
export function requireKey(
  verifier: Verifier,
  scopes?: readonly string[],
  options?: CheckOptions,
): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
