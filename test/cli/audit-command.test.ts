import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latencyText } from '../../src/cli/audit-command.ts';

describe('audit tail: latency as people read it', () => {
  it('rounds to at most one decimal', () => {
    assert.equal(latencyText(1.54772299999604), '1.5ms');
    assert.equal(latencyText(12), '12ms');
    assert.equal(latencyText(11.96), '12ms');
    assert.equal(latencyText(0.04), '0ms');
    assert.equal(latencyText(250.25), '250.3ms');
  });
});
