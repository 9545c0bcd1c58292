import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kustomizeBase64 } from './base64.ts';

const decode = (s: string): Buffer => Buffer.from(s.replaceAll('\n', ''), 'base64');

describe('kustomizeBase64', () => {
  it('GIVEN a short value WHEN encoded THEN it is plain base64 with no newline', () => {
    assert.equal(kustomizeBase64('abc'), 'YWJj');
    assert.equal(kustomizeBase64(''), '');
  });

  it('GIVEN 51 bytes (68 base64 characters, the longest one-line encoding) WHEN encoded THEN it stays on one line', () => {
    const out = kustomizeBase64('a'.repeat(51));
    assert.equal(out.length, 68);
    assert.ok(!out.includes('\n'));
  });

  it('GIVEN 52 bytes (72 base64 characters) WHEN encoded THEN 70 characters, a newline, the last 2 and a final newline', () => {
    const plain = Buffer.from('a'.repeat(52)).toString('base64');
    assert.equal(kustomizeBase64('a'.repeat(52)), `${plain.slice(0, 70)}\n${plain.slice(70)}\n`);
  });

  it('GIVEN an encoding of exactly 140 characters WHEN encoded THEN two full lines and no empty third line', () => {
    const out = kustomizeBase64('a'.repeat(105));
    assert.deepEqual(out.split('\n').map((l) => l.length), [70, 70, 0]);
  });

  it('GIVEN 141 to 144 characters WHEN encoded THEN a short third line, also ended by a newline', () => {
    assert.deepEqual(kustomizeBase64('a'.repeat(106)).split('\n').map((l) => l.length), [70, 70, 4, 0]);
  });

  it('GIVEN every byte value WHEN encoded THEN the lines decode back to the same bytes', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const out = kustomizeBase64(bytes);
    assert.ok(out.split('\n').every((line) => line.length <= 70));
    assert.deepEqual(new Uint8Array(decode(out)), bytes);
  });

  it('GIVEN a UTF-8 string WHEN encoded THEN its UTF-8 bytes are encoded', () => {
    assert.equal(decode(kustomizeBase64('grüße')).toString('utf8'), 'grüße');
  });
});
