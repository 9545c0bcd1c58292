import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadChart } from '../chart/load.ts';
import { renderChart, templateOutput } from '../chart/render.ts';
import { chartCases } from '../chart/testdata/charts.ts';
import { parseSimpleYAML } from './simple.ts';

// The fast path must give what the yaml package gives, or step aside: for every text, either
// parseSimpleYAML returns undefined, or it returns exactly parse()'s value (with and without
// uniqueKeys), and never a value where parse() throws.

const options = { version: '1.1', schema: 'yaml-1.1', merge: true } as const;

function reference(text: string, uniqueKeys: boolean): { value?: unknown; error?: string } {
  try {
    return { value: parse(text, { ...options, uniqueKeys }) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** Checks the contract on one text; returns whether the fast path took it. */
function agrees(text: string): boolean {
  const fast = parseSimpleYAML(text);
  if (fast === undefined) return false;
  for (const uniqueKeys of [true, false]) {
    const ref = reference(text, uniqueKeys);
    assert.equal(ref.error, undefined, `fast path accepted text the yaml package rejects (${ref.error}):\n${text}`);
    assert.deepEqual(fast, ref.value, `different value for:\n${text}`);
  }
  return true;
}

// Texts in the subset: the fast path must take each of them, with parse()'s value.
const inSubset = [
  'a: 1\nb: two\nc: 3.5\nd: true\ne: ~\nf:\ng: ""',
  'k: on\nl: off\nm: yes\nnn: "yes"\no: 0755\np: 0x1F\nq: 1_000\nr: 12:30\ns: .inf\nt: -.5\nu: 1e3\nv: 2001-12-14\nw: e3\nx: E-2\nz: .5',
  'x: -1\nargs:\n  - --port=9898\n  - -v\n  - y\n  - n',
  'a:\n  b:\n    c: 1\n  d: 2\ne: 3',
  'list:\n- 1\n- two\nafter: 3',
  '- a: 1\n  b: 2\n- c\n-\n  d: 4\n-\n- e',
  "a: 'x''y'\nb: \"q \\\" \\\\ \\n \\t \\u00e9 \\/ \\x41\"\nc: 'it''s # not a comment'",
  'a: b # c\nd: e#f\ng: "h" # i\nj: {}\nk: []  # empty\nl: # nothing\n  m: 1',
  'limits: {cpu: 500m, memory: 256Mi}\nlabels: { }\nports: [80, "443", on, \'x y\']\nsel: { "a.b/c": d }',
  'url: http://example.com:8080/x\nimage: ghcr.io/stefanprodan/podinfo:6.0.0\nkey:with:colons: v',
  'data:\n  script: |\n    #!/bin/sh\n    echo "a: b"\n\n    exit 0\n  other: |-\n    x\n    y\n\n\n  empty: |\n  last: 1',
  'a: |\n  x',
  'a: |\n\n  x\nb: 1',
  'items:\n  - name: a\n    value: |\n      multi\n      line\n  - name: b',
  '"quoted key": 1\n\'single\': 2\nconstructor: 3\ntoString: 4',
  '10: not a string key is left to the yaml package',
  '# only a comment\na: 1\n  # indented comment\nb: 2',
  'metadata:\n  annotations:\n    helm.sh/hook: pre-install,post-install\n    helm.sh/hook-weight: "-5"',
].filter((t) => !t.startsWith('10:'));

// Texts outside the subset (or invalid): the fast path must decline or agree.
const outside = [
  '10: x',
  'a: &x 1\nb: *x',
  '<<: {a: 1}\nb: 2',
  'a: !!str 1',
  'a: [1, [2]]\nb: {c: {d: e}}',
  'a: [1, 2,]\nb: {c}\nd: {e: f, e: g}\nh: [a b: c]\ni: {j:k}\nl: [x\n  , y]',
  'a: >\n  folded\n  text',
  'a: |+\n  keep\n\n',
  'a: |2\n   x',
  'a: multi\n  line plain',
  'a: "multi\n  line"',
  'a: 1\na: 2',
  'a: b: c',
  'a:\tb',
  'a: 1\r\nb: 2',
  '---\na: 1',
  'a: 1\n---\nb: 2',
  '- a\nb: 1',
  'a: 1\n- b',
  '  a: 1',
  'a : 1',
  'a: "x"y',
  'a: {}x',
  'a: |\n    \n  x',
  'a: |\n  x\n     \n',
  'a: |\n  x\n # c\nb: 1',
  'a: |\n    x\n  y',
  '? complex\n: key',
  'a: @x',
  'a: `x`',
  '%YAML 1.1\n---\na: 1',
  'a: "\\N"',
  '"unterminated: 1',
  'scalar',
  '',
  '# nothing',
  'a:\n  - 1\n   - 2',
  'a:\n    b: 1\n  c: 2',
  'y: 1',
  '~: 1',
  '__proto__: 1',
  `${'k'.repeat(1100)}: 1`,
];

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small random edits of a text: characters inserted or deleted, lines re-indented or swapped. */
function mutate(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const edits = 1 + Math.floor(rand() * 3);
  const alphabet = [',', ', ', '{a: b}', '[c]', ' ', '  ', '-', ':', ': ', '#', ' #', '"', "'", '|', '|-', '>', '{', '}', '[', ']', '&', '*', '!', '\\', 'x', '1', '\n', '\t', '---', '- '];
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const n = Math.floor(rand() * lines.length);
    const line = lines[n]!;
    const at = Math.floor(rand() * (line.length + 1));
    switch (Math.floor(rand() * 5)) {
      case 0:
        lines[n] = line.slice(0, at) + alphabet[Math.floor(rand() * alphabet.length)]! + line.slice(at);
        break;
      case 1:
        lines[n] = line.slice(0, at) + line.slice(at + 1 + Math.floor(rand() * 3));
        break;
      case 2:
        lines[n] = rand() < 0.5 ? ` ${line}` : line.replace(/^ /, '');
        break;
      case 3: {
        const m = Math.floor(rand() * lines.length);
        [lines[n], lines[m]] = [lines[m]!, line];
        break;
      }
      default:
        lines.splice(n, 1);
    }
  }
  return lines.join('\n');
}

const podinfoDir = join(import.meta.dirname, '../../../../../shared/testdata/podinfo/charts/podinfo');

/** Real documents: values files and every document helm-style rendering prints for podinfo. */
async function corpus(): Promise<string[]> {
  const texts = [readFileSync(join(podinfoDir, 'values.yaml'), 'utf8'), readFileSync(join(podinfoDir, 'values-prod.yaml'), 'utf8')];
  const chart = await loadChart(podinfoDir);
  const out = templateOutput(chart, renderChart(chart, { releaseName: 'rel', namespace: 'ns', kubeVersion: '1.30.0' }));
  texts.push(...out.split(/^---$/m).map((d) => d.trim()).filter((d) => d !== ''));
  for (const c of chartCases) for (const [path, text] of Object.entries(c.files)) if (path.endsWith('.yaml') && !path.includes('templates/')) texts.push(text);
  return texts;
}

describe('parseSimpleYAML: the yaml package’s values, faster, or nothing', () => {
  it('GIVEN texts in the subset WHEN read THEN each is taken and equals parse()', () => {
    for (const text of inSubset) assert.ok(agrees(text), `fast path declined:\n${text}`);
  });

  it('GIVEN texts outside the subset or invalid WHEN read THEN the fast path declines or agrees', () => {
    for (const text of outside) agrees(text);
    // The ones the yaml package rejects and the ones that need its features are all declined.
    for (const text of ['a: b: c', 'a: 1\na: 2', 'a: &x 1\nb: *x', 'a: >\n  folded', 'a: [1, [2]]', '10: x', 'y: 1', 'a: |\n    \n  x']) {
      assert.equal(parseSimpleYAML(text), undefined, text);
    }
  });

  it('GIVEN podinfo values, its rendered documents and the chart corpus values WHEN read THEN they agree, and most take the fast path', async () => {
    const texts = await corpus();
    const taken = texts.filter(agrees).length;
    assert.ok(taken >= texts.length * 0.8, `fast path took only ${taken} of ${texts.length}`);
  });

  it('GIVEN 20000 random edits of those texts WHEN read THEN the fast path never disagrees with the yaml package', async () => {
    const rand = mulberry32(Number(process.env.SEED ?? 8));
    const seeds = [...inSubset, ...(await corpus())];
    let taken = 0;
    for (let i = 0; i < Number(process.env.N ?? 20000); i++) if (agrees(mutate(seeds[i % seeds.length]!, rand))) taken++;
    // Most edits keep a valid document in the subset, so this exercises the fast path, not only its exits.
    assert.ok(taken > 2000, `only ${taken} mutated texts took the fast path`);
  });
});
