import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ensureHelmBinary } from '@conflux/testing';
import { loadChart } from '../chart/load.ts';
import { processDependencies } from '../chart/dependencies.ts';
import { coalesceValues } from './coalesce.ts';
import { mergeUserValues } from './options.ts';
import { SchemaValidator } from './schema.ts';
import { validateChartValues } from './schema-chart.ts';

const run = promisify(execFile);

// values.schema.json against the real helm: the same chart and --set flags through `helm template`
// and through validateChartValues. Both must accept, or both reject with the same lines. helm's
// validator walks Go maps, so sibling lines come in random order; siblings are compared sorted.

/** Error text as a tree of lines with sorted siblings, indentation kept. */
function normalize(text: string): string {
  interface Node {
    line: string;
    kids: Node[];
  }
  const root: Node = { line: '', kids: [] };
  const stack: { depth: number; node: Node }[] = [{ depth: -2, node: root }];
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    // The names in one "additional properties" line come in Go map order too.
    const line = raw.replace(/(additional properties )(.*)( not allowed)$/, (_, a: string, names: string, b: string) => a + names.split(', ').sort().join(', ') + b);
    // Chart names head their lines; a line's indentation gives its depth below them.
    const depth = /^[- ]/.test(line) ? line.length - line.trimStart().length : -1;
    while (stack.at(-1)!.depth >= depth) stack.pop();
    const node = { line, kids: [] };
    stack.at(-1)!.node.kids.push(node);
    stack.push({ depth, node });
  }
  const render = (n: Node): string[] => [n.line, ...n.kids.map((k) => render(k).join('\n')).sort()];
  return root.kids.map((k) => render(k).join('\n')).join('\n');
}

const chartYaml = (name: string, deps = ''): string => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n${deps}`;
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n';

interface Case {
  name: string;
  files: Record<string, string>;
  set: string[];
  setString?: string[];
  /** A -f file's text. */
  values?: string;
  fails: boolean;
}

const schema = {
  type: 'object',
  required: ['image'],
  additionalProperties: false,
  properties: {
    replicas: { type: 'integer', minimum: 1, maximum: 5 },
    ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    image: { type: 'object', required: ['repository'], properties: { repository: { type: 'string', minLength: 3, maxLength: 20, pattern: '^[a-z]+/' }, tag: { type: 'string' } } },
    mode: { enum: ['a', 'b', 3] },
    fixed: { const: 'x' },
    either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    exactly: { oneOf: [{ type: 'number' }, { type: 'integer' }] },
    both: { allOf: [{ type: 'integer' }, { minimum: 10 }] },
    never: { not: { type: 'string' } },
    ref: { $ref: '#/definitions/Res' },
    ref2: { $ref: '#/$defs/Flag' },
    list: { type: 'array', items: { type: 'integer', minimum: 2 }, minItems: 1, maxItems: 3 },
    nullable: { type: ['string', 'null'] },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    email: { type: 'string', format: 'email' },
  },
  definitions: { Res: { type: 'object', required: ['cpu', 'memory'], properties: { cpu: { type: 'string' } } } },
  $defs: { Flag: { type: 'boolean' } },
};

const base = { 'c/Chart.yaml': chartYaml('c'), 'c/values.yaml': 'replicas: 2\nimage:\n  repository: nginx/x\n', 'c/values.schema.json': JSON.stringify(schema), 'c/templates/cm.yaml': cm };
const withSub = {
  'p/Chart.yaml': chartYaml('p', 'dependencies:\n- name: sub\n  version: 0.1.0\n- name: sub\n  alias: other\n  version: 0.1.0\n'),
  'p/values.yaml': 'top: 1\n',
  'p/values.schema.json': JSON.stringify({ type: 'object', properties: { top: { type: 'integer' } } }),
  'p/templates/cm.yaml': cm,
  'p/charts/sub/Chart.yaml': chartYaml('sub'),
  'p/charts/sub/values.yaml': 'port: 80\n',
  'p/charts/sub/values.schema.json': JSON.stringify({ type: 'object', required: ['port'], properties: { port: { type: 'integer', maximum: 1000 }, name: { type: 'string' } } }),
  'p/charts/sub/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\n',
};

const cases: Case[] = [
  { name: 'defaults that meet the schema', files: base, set: [], fails: false },
  { name: 'every keyword satisfied', files: base, values: 'ratio: 0.5\nmode: 3\nexactly: 0.25\nlist: [2, 3.0]\n', set: ['fixed=x', 'either=4', 'both=12', 'never=1', 'ref.cpu=1', 'ref.memory=2', 'ref2=true', 'nullable=null', 'labels.a=b', 'email=not-an-email'], setString: ['ref.cpu=1', 'labels.n=1'], fails: false },
  { name: 'every keyword broken', files: base, values: 'ratio: 1\n', set: ['replicas=9', 'image.repository=x', 'mode=c', 'fixed=y', 'either=true', 'exactly=3', 'both=4', 'ref.cpu=1', 'ref2=1', 'list={a,1,3,4}', 'nullable=1', 'labels.a=1', 'labels.b=2', 'extra=1', 'more=2'], setString: ['never=s'], fails: true },
  { name: 'a required key removed with null and a type mismatch', files: base, set: ['image=null', 'replicas=two'], fails: true },
  { name: 'one failure only', files: base, set: ['replicas=0'], fails: true },
  { name: 'string given for an integer', files: base, setString: ['replicas=3'], set: [], fails: true },
  { name: 'subcharts and an alias that meet their schemas', files: withSub, set: ['sub.name=x', 'other.port=8'], fails: false },
  { name: 'subcharts and an alias that break their schemas', files: withSub, set: ['top=x', 'sub.port=2000', 'other.port=null', 'other.name=1'], fails: true },
];

let helm = '';
let work = '';

describe('values.schema.json validation against helm template', () => {
  before(async () => {
    helm = (await ensureHelmBinary()).path;
    work = await mkdtemp(join(tmpdir(), 'conflux-helm-schema-'));
  });
  after(async () => rm(work, { recursive: true, force: true }));

  cases.forEach((c, i) => {
    it(`GIVEN ${c.name} WHEN helm and validateChartValues check it THEN both ${c.fails ? 'reject it with the same lines' : 'accept it'}`, async () => {
      const dir = join(work, String(i));
      for (const [path, text] of Object.entries(c.files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const chartDir = join(dir, Object.keys(c.files)[0]!.split('/')[0]!);
      const setString = c.setString ?? [];
      const env = { ...process.env, HELM_CACHE_HOME: join(work, '.cache'), HELM_CONFIG_HOME: join(work, '.config'), HELM_DATA_HOME: join(work, '.data'), KUBECONFIG: join(work, 'none') };
      const valueFiles: string[] = [];
      if (c.values !== undefined) {
        valueFiles.push(join(dir, 'values-user.yaml'));
        await writeFile(valueFiles[0]!, c.values);
      }
      const args = ['template', 'r', chartDir, ...valueFiles.flatMap((f) => ['-f', f]), ...c.set.flatMap((s) => ['--set', s]), ...setString.flatMap((s) => ['--set-string', s])];
      const theirs = await run(helm, args, { env }).then(
        () => '',
        (err: { stderr: string }) => err.stderr,
      );
      const chart = await loadChart(chartDir);
      const user = mergeUserValues({ valueFiles: c.values === undefined ? [] : [c.values], set: c.set, setString });
      processDependencies(chart, user);
      let ours = '';
      try {
        validateChartValues(chart, coalesceValues(chart, user));
      } catch (err) {
        ours = `Error: ${(err as Error).message}\n`;
      }
      assert.equal(theirs !== '', c.fails, `helm ${c.fails ? 'accepted' : 'rejected'} it: ${theirs}`);
      assert.equal(normalize(ours), normalize(theirs));
      if (c.fails) assert.ok(ours.endsWith('\n\n'), 'helm ends the report with an empty line');
    });
  });
});

describe('SchemaValidator', () => {
  it('GIVEN Go integers (bigint and int64) from --set WHEN checked as integers THEN they pass, because helm validates the values after a JSON round trip', () => {
    const v = new SchemaValidator({ type: 'object', properties: { a: { type: 'integer' }, b: { type: 'number', maximum: 2 } } });
    assert.deepEqual(v.validate({ a: 3n, b: 1 }), []);
    assert.deepEqual(v.validate({ a: 1.5, b: 3n }), [
      { at: '/a', message: 'got number, want integer', causes: [] },
      { at: '/b', message: 'maximum: got 3, want 2', causes: [] },
    ]);
  });

  it('GIVEN a $ref outside the document WHEN validated THEN it fails clearly instead of passing silently', () => {
    assert.throws(() => new SchemaValidator({ $ref: 'https://example.com/s.json' }).validate({}), /only references inside values.schema.json/);
  });
});
