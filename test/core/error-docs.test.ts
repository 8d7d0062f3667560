import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorRemedies } from '../../src/core/error-docs.ts';
import { errorCodes } from '../../src/core/errors.ts';

describe('errorRemedies', () => {
  test('every code of the error registry says what to do about it, and no entry names a code that is gone', () => {
    assert.deepEqual(Object.keys(errorRemedies).sort(), [...errorCodes].sort());
    for (const code of errorCodes) assert.ok(errorRemedies[code].trim().length > 20, code);
  });
});
