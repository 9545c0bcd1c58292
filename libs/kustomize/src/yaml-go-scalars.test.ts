import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goInteger, goTimestamp } from './yaml-go-scalars.ts';
import { parseYamlStream } from './yaml.ts';

describe('go-yaml scalar reading', () => {
  it('GIVEN integers in Go notation WHEN read THEN leading zeros are octal and underscores vanish', () => {
    assert.deepEqual(['0755', '-010', '1_000', '0x1F', '0b101', '0o17', '42'].map(goInteger), [493, -8, 1000, 31, 5, 15, 42]);
  });
  it('GIVEN dates WHEN read THEN they become RFC 3339 strings; other shapes are not timestamps', () => {
    assert.equal(goTimestamp('2024-1-2'), '2024-01-02T00:00:00Z');
    assert.equal(goTimestamp('2001-12-14T21:59:43.10-05:00'), '2001-12-14T21:59:43.1-05:00');
    assert.equal(goTimestamp('2001-12-14 21:59:43'), '2001-12-14T21:59:43Z');
    assert.equal(goTimestamp('2001-12-14 21:59:43.10 -5'), undefined);
  });
  it('GIVEN labels and annotations WHEN parsed THEN their text is kept while other fields are converted', () => {
    const [obj] = parseYamlStream('metadata:\n  labels:\n    v: 0755\n  annotations:\n    d: 2024-01-02\nspec:\n  v: 0755\n  d: 2024-01-02\n  n: 08\n', 'f') as [Record<string, Record<string, unknown>>];
    assert.deepEqual(obj['metadata'], { labels: { v: '0755' }, annotations: { d: '2024-01-02' } });
    assert.deepEqual(obj['spec'], { v: 493, d: '2024-01-02T00:00:00Z', n: 8 });
  });
});
