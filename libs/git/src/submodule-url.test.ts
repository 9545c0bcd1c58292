import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isGitError } from './errors.ts';
import { resolveSubmoduleURL, submoduleCredentials } from './submodule-url.ts';

describe('resolveSubmoduleURL', () => {
  const parent = 'https://git.example.com/org/app.git';

  it('GIVEN ../ and ./ URLs WHEN resolved THEN the superproject URL is treated as a directory, as git does', () => {
    assert.equal(resolveSubmoduleURL('../lib.git', parent), 'https://git.example.com/org/lib.git');
    assert.equal(resolveSubmoduleURL('../../other/lib.git', parent), 'https://git.example.com/other/lib.git');
    assert.equal(resolveSubmoduleURL('./lib.git', parent), 'https://git.example.com/org/app.git/lib.git');
    assert.equal(resolveSubmoduleURL('./.././lib.git/', 'http://127.0.0.1:8080/app.git'), 'http://127.0.0.1:8080/lib.git');
  });

  it('GIVEN an absolute URL WHEN resolved THEN it is kept as written', () => {
    assert.equal(resolveSubmoduleURL('https://other.example.com/lib.git', parent), 'https://other.example.com/lib.git');
    assert.equal(resolveSubmoduleURL('git@github.com:org/lib.git', parent), 'git@github.com:org/lib.git');
  });

  it('GIVEN a relative URL that climbs above the host WHEN resolved THEN a SubmoduleFailed error says so', () => {
    assert.throws(
      () => resolveSubmoduleURL('../../../lib.git', parent),
      (err) => isGitError(err, 'SubmoduleFailed') && !err.stalling && err.message.includes('climbs above the host'),
    );
  });
});

describe('submoduleCredentials', () => {
  const basic = { basic: { username: 'flux', password: 's3cret' } };
  const ca = Buffer.from('ca');
  const tls = { ca, cert: Buffer.from('cert'), key: Buffer.from('key') };

  it('GIVEN a submodule on the same host WHEN credentials are chosen THEN the superproject Secret is reused whole', () => {
    const auth = { ...basic, tls };
    assert.deepEqual(submoduleCredentials('https://h/org/app.git', auth, 'https://h/org/lib.git'), auth);
    assert.deepEqual(submoduleCredentials('https://h/app.git', { bearerToken: 't' }, 'https://h/lib.git'), { bearerToken: 't' });
  });

  it('GIVEN a submodule on another host or port WHEN credentials are chosen THEN only the CA bundle goes with it', () => {
    assert.deepEqual(submoduleCredentials('https://h/app.git', { ...basic, tls }, 'https://other/lib.git'), { tls: { ca } });
    assert.deepEqual(submoduleCredentials('http://h:1/app.git', basic, 'http://h:2/lib.git'), {});
    assert.deepEqual(submoduleCredentials('http://h/app.git', basic, 'https://h/lib.git'), {});
  });

  it('GIVEN credentials in the superproject URL and no Secret WHEN the submodule is on the same host THEN they are used as basic auth', () => {
    assert.deepEqual(submoduleCredentials('https://u:p%40ss@h/app.git', undefined, 'https://h/lib.git'), { basic: { username: 'u', password: 'p@ss' } });
    assert.deepEqual(submoduleCredentials('https://u:p@h/app.git', { bearerToken: 't' }, 'https://h/lib.git'), { bearerToken: 't' });
    assert.deepEqual(submoduleCredentials('https://u:p@h/app.git', undefined, 'https://elsewhere/lib.git'), {});
  });
});
