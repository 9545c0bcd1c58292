import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, test } from 'node:test';
import { parseJwt, verifyJwtSignature } from './jwt.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });

function token(alg: string, signer: (input: Buffer) => Buffer): string {
  const input = `${Buffer.from(JSON.stringify({ alg, kid: 'k' })).toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}`;
  return `${input}.${signer(Buffer.from(input)).toString('base64url')}`;
}
const verifies = (t: string, key: KeyObject, allowed?: string[]) => verifyJwtSignature(parseJwt(t)!, key, allowed);

describe('JWS signatures', () => {
  test('GIVEN RS256, PS256 and ES256 tokens WHEN verified with the matching public key THEN each is valid', () => {
    assert.equal(verifies(token('RS256', (i) => sign('sha256', i, rsa.privateKey)), rsa.publicKey), true);
    assert.equal(verifies(token('PS256', (i) => sign('sha256', i, { key: rsa.privateKey, padding: 6, saltLength: 32 })), rsa.publicKey), true);
    assert.equal(verifies(token('ES256', (i) => sign('sha256', i, { key: p256.privateKey, dsaEncoding: 'ieee-p1363' })), p256.publicKey), true);
  });

  test('GIVEN a key of another kind or curve than the header names, or an algorithm not allowed WHEN verified THEN invalid', () => {
    const es256 = token('ES256', (i) => sign('sha256', i, { key: p256.privateKey, dsaEncoding: 'ieee-p1363' }));
    assert.equal(verifies(es256, rsa.publicKey), false);
    assert.equal(verifies(es256, p384.publicKey), false);
    assert.equal(verifies(es256, p256.publicKey, ['RS256']), false);
    assert.equal(verifies(token('HS256', () => Buffer.from('mac')), rsa.publicKey), false);
  });

  test('GIVEN a token whose payload changed after signing WHEN verified THEN invalid', () => {
    const [h, , s] = token('RS256', (i) => sign('sha256', i, rsa.privateKey)).split('.');
    assert.equal(verifies(`${h}.${Buffer.from('{"sub":"y"}').toString('base64url')}.${s}`, rsa.publicKey), false);
  });
});
