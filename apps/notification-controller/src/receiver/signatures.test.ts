import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { hmacHex, verifyHexSignature, verifyPrefixedSignature } from './signatures.ts';

const body = Buffer.from('{"ref":"refs/heads/main"}');
const token = 's3cr3t';
const sign = (alg: string, key = token, payload: Uint8Array = body) => createHmac(alg, key).update(payload).digest('hex');

test('GIVEN a body signed with sha1, sha256 and sha512 WHEN the prefixed signature is checked THEN each is accepted', () => {
  for (const alg of ['sha1', 'sha256', 'sha512']) {
    assert.deepEqual(verifyPrefixedSignature(`${alg}=${sign(alg)}`, token, body), { ok: true }, alg);
  }
});

test('GIVEN a signature made with another key WHEN it is checked THEN it is rejected as not matching', () => {
  const result = verifyPrefixedSignature(`sha256=${sign('sha256', 'wrong')}`, token, body);
  assert.deepEqual(result, { ok: false, reason: 'signature does not match the payload' });
});

test('GIVEN a correct signature of another body WHEN it is checked against this body THEN it is rejected', () => {
  assert.equal(verifyPrefixedSignature(`sha256=${sign('sha256', token, Buffer.from('{}'))}`, token, body).ok, false);
});

test('GIVEN no header, an unknown prefix, or no prefix WHEN checked THEN each is rejected with a reason', () => {
  for (const header of [undefined, '', `md5=${sign('md5')}`, sign('sha256')]) {
    const result = verifyPrefixedSignature(header, token, body);
    assert.equal(result.ok, false, String(header));
    assert.ok(!result.ok && result.reason.length > 0);
  }
});

test('GIVEN a signature that is not hex or has the wrong length WHEN checked THEN it is rejected without throwing', () => {
  assert.equal(verifyHexSignature('sha256', token, body, 'zz'.repeat(32)), false);
  assert.equal(verifyHexSignature('sha256', token, body, sign('sha256').slice(2)), false);
  assert.equal(verifyHexSignature('sha256', token, body, sign('sha256').toUpperCase()), true);
});

test('GIVEN a key and body WHEN hmacHex runs THEN it matches node:crypto directly', () => {
  assert.equal(hmacHex('sha512', token, body), sign('sha512'));
});
