import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { refusalDocs } from '../../src/services/verification/refusal-docs.ts';
import { statusOfOutcome, verifyFailureCodes } from '../../src/services/verification/result.ts';

describe('refusalDocs', () => {
  test('every verify refusal code has a meaning, what to do, and the status an API answers', () => {
    assert.deepEqual(Object.keys(refusalDocs).sort(), [...verifyFailureCodes].sort());
    for (const code of verifyFailureCodes) {
      assert.ok(refusalDocs[code].meaning.trim().length > 10, code);
      assert.ok(refusalDocs[code].remedy.trim().length > 10, code);
      const status = statusOfOutcome[code];
      assert.ok(status >= 400 && status < 500, `${code}: ${status}`);
      // The remedy names the status the errors page shows next to it.
      assert.match(refusalDocs[code].remedy, new RegExp(`^Answer ${status}\\b`), code);
    }
  });
});
