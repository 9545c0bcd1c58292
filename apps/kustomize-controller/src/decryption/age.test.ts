import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ageDecrypt, ageEncrypt, AgeError, encodeIdentity, identityFromSecret, parseIdentities } from './age.ts';
import { bech32Decode, bech32Encode } from './bech32.ts';

// Made once with the real age v1.3.2: `age-keygen`, then `printf 'conflux age vector' | age -a -r <recipient>`.
const realIdentity = 'AGE-SECRET-KEY-1MVLQQJ8L9ZG2VNU8QAW65XTZ9H2VMSU9SVTDC47DXU55QCPV9HRS6R7H2R';
const realRecipient = 'age1tnyvg8am56ywwcmdq5mehr52nt798m46ghewnz0r3cp3jyjmvdgslnkm6l';
const realFile = `-----BEGIN AGE ENCRYPTED FILE-----
YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSA3aTRjeWZhaE5OcXhYQU5P
bFdSQ0dUa2E3WFNnZjJxSUJJOGFGMWJuSEhjCkNpUTk3OW9qRVpMNE1IK0xKMXB4
eTYxajUwM0twa09uQkJZL1YxTnZ5Z1kKLS0tIHVCeGdndjlUTmQ5YlZWQWc3ZEdJ
eDhwWjZXaFRHanlmMlVya2d0MHBKVGsKoKgm6UFhs4hYg35jG+2hrule5Au8zjGx
UxhI5cxdxtnZdSnPyAwMJafNeQyBsiLDqAE=
-----END AGE ENCRYPTED FILE-----
`;

/** A deterministic byte source, so encrypted vectors are the same on every run. */
function seeded(seed: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => {
    const out: Buffer[] = [];
    for (let have = 0; have < n; have += 32) out.push(createHash('sha256').update(`${seed}/${counter++}`).digest());
    return Buffer.concat(out).subarray(0, n);
  };
}

describe('age', () => {
  it('GIVEN the identity age-keygen printed WHEN it is parsed THEN it derives the recipient age-keygen printed', () => {
    const [id] = parseIdentities(`# created: 2026-11-26T10:59:58Z\n# public key: ${realRecipient}\n${realIdentity}\n`);
    assert.equal(id!.recipient, realRecipient);
  });

  it('GIVEN a file the real age encrypted WHEN it is decrypted with its identity THEN the plaintext comes back', () => {
    assert.equal(ageDecrypt(realFile, parseIdentities(realIdentity)).toString(), 'conflux age vector');
  });

  it('GIVEN a file for someone else WHEN it is decrypted THEN no identity matches', () => {
    const other = parseIdentities(encodeIdentity(randomBytes(32)));
    assert.throws(() => ageDecrypt(realFile, other), /no identity matched/);
  });

  it('GIVEN one flipped payload byte WHEN it is decrypted THEN authentication fails', () => {
    const raw = Buffer.from(realFile.replace(/-----[A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
    raw[raw.length - 1]! ^= 1;
    assert.throws(() => ageDecrypt(raw, parseIdentities(realIdentity)), /payload failed authentication/);
  });

  it('GIVEN a header whose stanza was altered after the MAC WHEN it is decrypted THEN the header MAC fails', () => {
    const id = identityFromSecret(seeded('alter')(32));
    const file = ageEncrypt(Buffer.from('x'), [id.recipient], seeded('alter-file'), false) as Buffer;
    // A second recipient stanza for a stranger, spliced in: the file key still unwraps, the MAC does not match.
    const stranger = ageEncrypt(Buffer.from('x'), [identityFromSecret(seeded('s')(32)).recipient], seeded('s2'), false) as Buffer;
    const strangerStanza = stranger.toString('latin1').split('\n').slice(1, 3).join('\n');
    const spliced = file.toString('latin1').replace('\n---', `\n${strangerStanza}\n---`);
    assert.throws(() => ageDecrypt(Buffer.from(spliced, 'latin1'), [id]), /bad age header MAC/);
  });

  it('GIVEN a plaintext of several 64 KiB chunks WHEN it round-trips THEN every byte comes back', () => {
    const id = identityFromSecret(seeded('chunks')(32));
    const plain = seeded('plain')(64 * 1024 * 2 + 17);
    const armored = ageEncrypt(plain, [id.recipient], seeded('chunks-file'));
    assert.ok(String(armored).startsWith('-----BEGIN AGE ENCRYPTED FILE-----\n'));
    assert.deepEqual(ageDecrypt(armored, [id]), plain);
  });

  it('GIVEN an identity line that is not an X25519 secret key WHEN it is parsed THEN the line is named, not the secret', () => {
    assert.throws(() => parseIdentities('AGE-PLUGIN-YUBIKEY-1ABC'), (err: Error) => err instanceof AgeError && /line 1: age plugin/.test(err.message));
    const corrupt = realIdentity.slice(0, -1) + (realIdentity.endsWith('R') ? 'Q' : 'R');
    assert.throws(() => parseIdentities(corrupt), (err: Error) => /invalid checksum/.test(err.message) && !err.message.includes(corrupt));
  });

  it('GIVEN bytes WHEN bech32 encodes and decodes them THEN they round-trip and mixed case is refused', () => {
    const data = seeded('b32')(32);
    const text = bech32Encode('age', data);
    assert.deepEqual(bech32Decode(text).data, data);
    assert.throws(() => bech32Decode(text.slice(0, 10) + text.slice(10).toUpperCase()), /mixed case/);
  });
});
