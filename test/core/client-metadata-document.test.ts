import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkDocument,
  documentRowIds,
  documentUrlProblem,
  looksLikeDocumentUrl,
  storedClientId,
} from '../../src/core/client-metadata-document.ts';
import { isId } from '../../src/core/ids.ts';

const URL_ = 'https://agent.example.com/oauth/client.json';
const good = {
  client_id: URL_,
  client_name: 'Agent',
  redirect_uris: ['https://agent.example.com/callback', 'http://127.0.0.1/callback'],
  token_endpoint_auth_method: 'none',
};

describe('client metadata documents', () => {
  it('accepts only https URLs with a path, in normal form, without fragment or credentials', () => {
    assert.equal(documentUrlProblem(URL_, false), undefined);
    assert.equal(documentUrlProblem('https://agent.example.com/client?v=1', false), undefined);
    for (const [url, problem] of [
      ['http://agent.example.com/client.json', /https/],
      ['https://agent.example.com/', /path/],
      ['https://agent.example.com', /path|normal form/],
      ['https://agent.example.com/a.json#x', /fragment/],
      ['https://me:pw@agent.example.com/a.json', /credentials/],
      ['https://agent.example.com/a/../b.json', /normal form/],
      ['https://agent.example.com/a/%2e%2e/b.json', /normal form/],
      ['https://AGENT.example.com/a.json', /normal form/],
      [`https://agent.example.com/${'a'.repeat(2000)}`, /too long/],
      ['https://agent.example.com/a b', /printable/],
    ] as const) {
      assert.match(documentUrlProblem(url, false) ?? '', problem, url);
    }
    assert.equal(documentUrlProblem('http://127.0.0.1:8080/client.json', true), undefined);
  });

  it('tells URLs from client ids', () => {
    assert.equal(looksLikeDocumentUrl(URL_), true);
    assert.equal(looksLikeDocumentUrl('cl_0123456789abcdefghij'), false);
  });

  it('derives stable, well-formed, distinct ids from the URL', () => {
    const ids = documentRowIds(URL_);
    assert.deepEqual(documentRowIds(URL_), ids);
    assert.ok(isId('client', ids.clientId));
    assert.ok(isId('app', ids.appId));
    assert.notEqual(documentRowIds(`${URL_}?v=2`).clientId, ids.clientId);
    assert.equal(storedClientId(URL_), ids.clientId);
    assert.equal(storedClientId('cl_0123456789abcdefghij'), 'cl_0123456789abcdefghij');
  });

  it('checks a document against its URL', () => {
    const checked = checkDocument(URL_, {
      ...good,
      scope: 'a b a',
      logo_uri: 'https://cdn.example.com/l.png',
    });
    assert.ok(checked.ok);
    assert.deepEqual(checked.document.scope, ['a', 'b']);
    assert.equal(checked.document.name, 'Agent');
    const unnamed = checkDocument(URL_, { ...good, client_name: undefined });
    assert.ok(unnamed.ok && unnamed.document.name === 'agent.example.com');
    for (const [body, problem] of [
      [[], /not a JSON object/],
      [{ ...good, client_id: `${URL_}/` }, /client_id is not its URL/],
      [{ ...good, client_secret: 'x' }, /secret/],
      [{ ...good, client_secret_expires_at: 0 }, /secret/],
      [{ ...good, token_endpoint_auth_method: 'client_secret_basic' }, /must be none/],
      [{ ...good, token_endpoint_auth_method: 'private_key_jwt' }, /needs valid jwks or a jwks_uri/],
      [
        { ...good, token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'http://agent.example.com/k' },
        /must use https/,
      ],
      [{ ...good, jwks: { keys: [] } }, /go with token_endpoint_auth_method private_key_jwt/],
      [{ ...good, redirect_uris: [] }, /redirect_uris/],
      [{ ...good, redirect_uris: ['http://agent.example.com/cb'] }, /redirect_uris/],
      [{ ...good, grant_types: ['client_credentials'] }, /grant_types/],
      [{ ...good, response_types: ['token'] }, /response_types/],
      [{ ...good, logo_uri: 'http://cdn.example.com/l.png' }, /logo_uri/],
      [{ ...good, client_uri: 5 }, /client_uri/],
      [{ ...good, scope: ['a'] }, /scope/],
    ] as const) {
      const refused = checkDocument(URL_, body);
      assert.ok(!refused.ok, JSON.stringify(body));
      assert.match(refused.problem, problem);
    }
  });
});
