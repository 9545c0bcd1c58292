import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArtifactErrorCode, isArtifactError } from '../errors.ts';
import { decodeHeader, decodePaxRecords, emptyHeader, encodeHeader, encodePaxRecords, headerPath, splitUstarPath, TypeFlag } from './header.ts';

describe('tar header', () => {
  it('GIVEN a header WHEN encoded and decoded THEN every field survives and the block is 512 bytes', () => {
    const h = { ...emptyHeader(), name: 'dir/file.yaml', mode: 0o600, size: 12345, typeflag: TypeFlag.File };
    const block = encodeHeader(h);
    assert.equal(block.length, 512);
    assert.equal(block.subarray(257, 263).toString('latin1'), 'ustar\0');
    assert.deepEqual(decodeHeader(block), h);
  });

  it('GIVEN a header with one flipped byte WHEN decoded THEN the checksum refuses it', () => {
    const block = encodeHeader({ ...emptyHeader(), name: 'a' });
    block[0] = 'b'.charCodeAt(0);
    assert.throws(() => decodeHeader(block), (err) => isArtifactError(err, ArtifactErrorCode.InvalidArchive));
  });

  it('GIVEN a GNU base-256 size beyond 2^53 WHEN decoded THEN it is refused rather than rounded', () => {
    const block = encodeHeader({ ...emptyHeader(), name: 'huge' });
    block.fill(0xff, 124, 136);
    block[124] = 0x80;
    // recompute the checksum for the edited block
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of block) sum += b;
    block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
    assert.throws(() => decodeHeader(block), /too large/);
  });

  it('GIVEN paths of various lengths WHEN split for ustar THEN long ones use the prefix and unsplittable ones need pax', () => {
    assert.deepEqual(splitUstarPath('short'), { prefix: '', name: 'short' });
    const long = `${'d'.repeat(120)}/${'f'.repeat(90)}`;
    const split = splitUstarPath(long);
    assert.deepEqual(split, { prefix: 'd'.repeat(120), name: 'f'.repeat(90) });
    assert.equal(headerPath({ ...emptyHeader(), ...split! }), long);
    assert.equal(splitUstarPath('x'.repeat(101)), undefined);
  });

  it('GIVEN pax records whose length crosses a digit boundary WHEN encoded THEN each length counts itself exactly', () => {
    for (let n = 1; n < 120; n++) {
      const records = { path: 'p'.repeat(n) };
      const data = encodePaxRecords(records);
      assert.equal(Number(data.toString().split(' ')[0]), data.length, `n=${n}`);
      assert.deepEqual({ ...decodePaxRecords(data) }, records);
    }
  });
});
