import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadChartArchive, loadChartFiles } from './load.ts';

function tarOf(files: Record<string, string>): Uint8Array {
  const blocks: Buffer[] = [];
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const h = Buffer.alloc(512);
    h.write(name, 0);
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('        ', 148);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const file = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) });

describe('chart loading', () => {
  it('GIVEN a packed chart WHEN loaded THEN files are sorted into their roles', () => {
    const c = loadChartArchive(
      tarOf({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n', 'c/values.yaml': 'a: 1\n', 'c/templates/x.yaml': 'x', 'c/crds/a.yaml': 'y' }),
    );
    assert.equal(c.metadata.name, 'c');
    assert.deepEqual(c.values, { a: 1 });
    assert.deepEqual(c.templates.map((t) => t.name), ['templates/x.yaml']);
    assert.deepEqual(c.files.map((t) => t.name), ['crds/a.yaml']);
  });
  it('GIVEN an archive entry escaping the chart WHEN loaded THEN it is refused', () => {
    assert.throws(() => loadChartArchive(tarOf({ 'c/../../evil': 'x', 'c/Chart.yaml': 'name: c\nversion: 1.0.0\n' })), /chart illegally references parent directory/);
  });
  it('GIVEN Chart.yaml without a name or with a bad version WHEN loaded THEN helm\'s validation text is given', () => {
    assert.throws(() => loadChartFiles([file('Chart.yaml', 'apiVersion: v2\nversion: 1.0.0\n')]), { message: 'validation: chart.metadata.name is required' });
    assert.throws(() => loadChartFiles([file('Chart.yaml', 'apiVersion: v2\nname: c\nversion: one\n')]), /validation: chart.metadata.version "one" is invalid/);
    assert.throws(() => loadChartFiles([file('values.yaml', 'a: 1\n')]), /Chart.yaml file is missing/);
  });
  it('GIVEN a v1 chart with requirements.yaml WHEN loaded THEN its dependencies come from there', () => {
    const c = loadChartFiles([file('Chart.yaml', 'name: c\nversion: 1.0.0\n'), file('requirements.yaml', 'dependencies:\n- name: d\n  version: 1.0.0\n')]);
    assert.equal(c.metadata.apiVersion, 'v1');
    assert.deepEqual(c.metadata.dependencies.map((d) => d.name), ['d']);
  });
});
