import type { RequestListener } from 'node:http';
import { type VerifyPipelineOptions, verifyPipeline } from './verify-pipeline.ts';

export const VERIFY_PATH = '/api/v1/verify';

/**
 * The entry point of the verify pipeline that answers before the framework: `POST /api/v1/verify` exactly
 * skips routing, hooks and reply machinery; anything else (another path, a query string, another method)
 * goes to the framework, whose route runs the same pipeline. See docs/decisions/002.
 */
export function withFastVerify(options: VerifyPipelineOptions, framework: RequestListener): RequestListener {
  const handle = verifyPipeline(options);
  return (request, response) => {
    if (request.method === 'POST' && request.url === VERIFY_PATH) handle(request, response);
    else framework(request, response);
  };
}
