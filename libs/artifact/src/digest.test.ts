import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { assertDigest, createDigester, digestOf, digestOfFile, digestsEqual, parseDigest } from './digest.ts';
import { ArtifactErrorCode, isArtifactError } from './errors.ts';
import { tempDir } from './test-fixtures.ts';

const emptySha256 = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('digests', () => {
  it('GIVEN bytes WHEN digested THEN the result is sha256:<hex> of exactly those bytes', () => {
    assert.equal(digestOf(new Uint8Array()), emptySha256);
    assert.equal(digestOf('abc'), 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.notEqual(digestOf('abc'), digestOf('abd'));
  });

  it('GIVEN bytes arriving in chunks WHEN digested incrementally THEN it equals the one-shot digest', () => {
    const d = createDigester();
    d.update(Buffer.from('a'));
    d.update(Buffer.from('bc'));
    assert.equal(d.digest(), digestOf('abc'));
  });

  it('GIVEN a file WHEN digested from disk THEN it equals the digest of its bytes', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'f'), 'hello');
    assert.equal(await digestOfFile(join(dir, 'f')), digestOf('hello'));
  });

  it('GIVEN well-formed and malformed digest strings WHEN parsed THEN only the well-formed ones pass', () => {
    assert.deepEqual(parseDigest(emptySha256), { algorithm: 'sha256', hex: emptySha256.slice(7) });
    for (const bad of ['', 'sha256', 'sha256:', 'md5:' + 'a'.repeat(32), 'sha256:' + 'A'.repeat(64), 'sha256:' + 'a'.repeat(63), emptySha256.slice(7)]) {
      assert.throws(() => parseDigest(bad), (err) => isArtifactError(err, ArtifactErrorCode.InvalidDigest), bad);
    }
  });

  it('GIVEN an expected digest WHEN the actual differs THEN assertDigest throws ArtifactDigestMismatch naming both', () => {
    assert.equal(digestsEqual(emptySha256, emptySha256), true);
    assert.equal(digestsEqual(emptySha256, digestOf('x')), false);
    assert.equal(digestsEqual(emptySha256, 'garbage'), false);
    assertDigest(emptySha256, emptySha256, 'a');
    assert.throws(
      () => assertDigest(emptySha256, digestOf('x'), 'gitrepository/ns/n/f.tar.gz'),
      (err) => isArtifactError(err, ArtifactErrorCode.DigestMismatch) && err.message.includes(emptySha256) && err.message.includes(digestOf('x')),
    );
  });
});
