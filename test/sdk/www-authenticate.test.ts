import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerChallenge, protectedResourceMetadataUrl } from '../../src/sdk/index.ts';

describe('protected-resource metadata URL (RFC 9728 §3.1)', () => {
  it('goes between the host and the path of the resource identifier', () => {
    assert.equal(
      protectedResourceMetadataUrl('https://api.example.com/mcp').href,
      'https://api.example.com/.well-known/oauth-protected-resource/mcp',
    );
    assert.equal(
      protectedResourceMetadataUrl('https://api.example.com/').href,
      'https://api.example.com/.well-known/oauth-protected-resource',
    );
    assert.equal(
      protectedResourceMetadataUrl('http://127.0.0.1:4500/v1/mcp/').href,
      'http://127.0.0.1:4500/.well-known/oauth-protected-resource/v1/mcp',
    );
  });
});

describe('Bearer challenges (RFC 6750 §3)', () => {
  it('without a token: only the metadata, no error', () => {
    assert.equal(
      bearerChallenge({ resourceMetadata: 'https://a.example/.well-known/oauth-protected-resource' }),
      'Bearer resource_metadata="https://a.example/.well-known/oauth-protected-resource"',
    );
  });

  it('insufficient scope names the scopes, space-separated, and quoted strings cannot be broken out of', () => {
    assert.equal(
      bearerChallenge({
        error: 'insufficient_scope',
        description: 'needs "more"\\',
        scope: ['bookings:write', 'mcp:*'],
        resourceMetadata: 'https://a.example/m',
      }),
      'Bearer error="insufficient_scope", error_description="needs \\"more\\"\\\\", scope="bookings:write mcp:*", resource_metadata="https://a.example/m"',
    );
    assert.doesNotMatch(
      bearerChallenge({ error: 'invalid_token', description: 'a\r\nb', resourceMetadata: 'x' }),
      /[\r\n]/,
    );
  });
});
