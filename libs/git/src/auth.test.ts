import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authFromSecret, authHeaders, decodeSecretData, type SecretData } from './auth.ts';
import { isGitError } from './errors.ts';
import { proxyFromSecret, proxyAuthorization } from './proxy.ts';
import { parseRepositoryURL, redactURL } from './url.ts';

const repo = parseRepositoryURL('https://git.example/org/repo.git');

describe('auth Secret keys', () => {
  it('GIVEN username and password WHEN read THEN a Basic header carries them', () => {
    const auth = authFromSecret({ username: 'alice', password: 's3cret' });
    assert.deepEqual(authHeaders(auth, repo), { Authorization: `Basic ${Buffer.from('alice:s3cret').toString('base64')}` });
  });

  it('GIVEN a bearerToken WHEN read THEN an Authorization: Bearer header carries it', () => {
    assert.deepEqual(authHeaders(authFromSecret({ bearerToken: 'tok' }), repo), { Authorization: 'Bearer tok' });
  });

  it('GIVEN base64 Secret data WHEN decoded THEN the keys read as text', () => {
    const data = decodeSecretData({ username: Buffer.from('bob').toString('base64'), password: Buffer.from('pw').toString('base64') });
    assert.deepEqual(authFromSecret(data).basic, { username: 'bob', password: 'pw' });
  });

  it('GIVEN invalid combinations WHEN read THEN AuthenticationFailed errors name keys but never values', () => {
    const cases: SecretData[] = [
      { password: 'hunter2' },
      { username: 'a', password: 'hunter2', bearerToken: 'tok-hunter2' },
      { 'tls.crt': 'CERT-hunter2' },
    ];
    for (const data of cases) {
      assert.throws(
        () => authFromSecret(data),
        (err) => isGitError(err, 'InvalidAuth') && err.reason === 'AuthenticationFailed' && !err.message.includes('hunter2'),
      );
    }
  });

  it('GIVEN TLS keys WHEN read THEN ca.crt wins over the legacy caFile and the client pair is kept', () => {
    const auth = authFromSecret({ 'ca.crt': 'NEW', caFile: 'OLD', 'tls.crt': 'C', 'tls.key': 'K' });
    assert.equal(auth.tls?.ca?.toString(), 'NEW');
    assert.equal(auth.tls?.cert?.toString(), 'C');
    assert.equal(auth.tls?.key?.toString(), 'K');
    assert.equal(authFromSecret({ caFile: 'OLD' }).tls?.ca?.toString(), 'OLD');
  });

  it('GIVEN credentials in the URL and none in the Secret WHEN headers are built THEN the URL userinfo is used and stripped from the URL', () => {
    const withUser = parseRepositoryURL('https://carol:pa%40ss@git.example/repo.git');
    assert.equal(withUser.url, 'https://git.example/repo.git');
    assert.deepEqual(authHeaders({}, withUser), { Authorization: `Basic ${Buffer.from('carol:pa@ss').toString('base64')}` });
    // The Secret wins over the URL.
    const fromSecret = authHeaders(authFromSecret({ username: 'dave', password: 'x' }), withUser);
    assert.deepEqual(fromSecret, { Authorization: `Basic ${Buffer.from('dave:x').toString('base64')}` });
  });
});

describe('repository URLs', () => {
  it('GIVEN non-HTTP URLs WHEN parsed THEN SSH is unsupported (stalling) and others are URLInvalid', () => {
    assert.throws(() => parseRepositoryURL('ssh://git@host/repo.git'), (err) => isGitError(err, 'Unsupported') && err.stalling && /SSH is not supported yet/.test(err.message));
    assert.throws(() => parseRepositoryURL('git@github.com:org/repo.git'), (err) => isGitError(err, 'InvalidURL') && err.reason === 'URLInvalid');
    assert.throws(() => parseRepositoryURL('ftp://host/repo'), (err) => isGitError(err, 'InvalidURL'));
    assert.throws(() => parseRepositoryURL('not a url'), (err) => isGitError(err, 'InvalidURL'));
  });

  it('GIVEN a URL with a password WHEN rejected THEN the message does not contain it', () => {
    assert.throws(() => parseRepositoryURL('ftp://u:hunter2@host/repo'), (err) => isGitError(err) && !err.message.includes('hunter2'));
    assert.equal(redactURL('see https://u:p@h/x and http://h/y'), 'see https://h/x and http://h/y');
  });
});

describe('proxy Secret', () => {
  it('GIVEN address, username and password WHEN read THEN the address loses any userinfo and auth is a Proxy-Authorization header', () => {
    const proxy = proxyFromSecret({ address: 'http://proxy.example:3128', username: 'p', password: 'q' });
    assert.equal(proxy.url.toString(), 'http://proxy.example:3128/');
    assert.deepEqual(proxyAuthorization(proxy), { 'Proxy-Authorization': `Basic ${Buffer.from('p:q').toString('base64')}` });
  });

  it('GIVEN a missing address or an unimplemented scheme WHEN read THEN a typed error says so', () => {
    assert.throws(() => proxyFromSecret({}), (err) => isGitError(err, 'InvalidAuth'));
    assert.throws(() => proxyFromSecret({ address: 'socks5://p:1080' }), (err) => isGitError(err, 'Unsupported'));
  });
});
