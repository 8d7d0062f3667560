import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { committedApiTypes, generateApiTypes } from '../../src/console/api-types.ts';

describe("the console's typed client", () => {
  it('is generated from the current /openapi.json (run `npm run generate:console-api` after an API change)', async () => {
    assert.ok(
      (await generateApiTypes()) === committedApiTypes(),
      'src/console/web/api/openapi.d.ts is stale',
    );
  });
});
