import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeRelease, encodeRelease } from './codec.ts';
import { ReleaseDecodeError, releaseFromJSON, releaseToJSON } from './json.ts';
import { ReleaseStatus, type Release } from './types.ts';

// A record the real helm v3.21.4 wrote (`helm install installed greeter --set greeting=howdy --set
// replicas=3`): the Secret's data.release, i.e. Kubernetes' base64 over helm's base64(gzip(json)).
const fromHelm = Buffer.from(readFileSync(join(import.meta.dirname, 'testdata/installed-by-helm-v3.21.4.secret-data'), 'utf8'), 'base64').toString('utf8');
const helmJSON = gunzipSync(Buffer.from(fromHelm, 'base64')).toString('utf8');

function sample(): Release {
  return {
    name: 'web',
    info: { firstDeployed: '2024-05-04T12:37:54.016495582Z', lastDeployed: '2024-05-04T12:37:54.1Z', deleted: '', description: 'Install complete', status: ReleaseStatus.deployed, notes: '' },
    chart: {
      metadata: {
        name: 'web', home: '', sources: [], version: '1.0.0', description: '', keywords: [], maintainers: [{ name: 'ops', email: '', url: '' }], icon: '',
        apiVersion: 'v2', condition: '', tags: '', appVersion: '', deprecated: false, annotations: {}, kubeVersion: '', dependencies: [], type: '',
      },
      lock: null,
      templates: [{ name: 'templates/a.yaml', data: new TextEncoder().encode('a: <b> & c') }],
      values: { z: 1, a: { nested: [1.5, null, true] } },
      schema: null,
      files: null,
    },
    config: {},
    manifest: '---\n# Source: web/templates/a.yaml\na: <b> & c\n',
    hooks: [],
    version: 1,
    namespace: 'apps',
    labels: {},
  };
}

describe('release JSON', () => {
  it('GIVEN the JSON the real helm wrote WHEN decoded and encoded again THEN it is the same bytes', () => {
    const release = releaseFromJSON(helmJSON);
    assert.equal(release.name, 'installed');
    assert.equal(release.version, 1);
    assert.equal(release.info?.status, 'deployed');
    assert.deepEqual(release.config, { greeting: 'howdy', replicas: 3 });
    assert.equal(release.hooks[0]?.lastRun.phase, 'Succeeded');
    assert.equal(new TextDecoder().decode(release.chart!.files![0]!.data!), '# greeter\n');
    assert.equal(releaseToJSON(release), helmJSON);
  });

  it('GIVEN empty config, hooks and zero weights WHEN encoded THEN helm\'s omitempty drops them but keeps the times and nil chart fields', () => {
    const json = releaseToJSON(sample());
    assert.equal(
      json,
      '{"name":"web","info":{"first_deployed":"2024-05-04T12:37:54.016495582Z","last_deployed":"2024-05-04T12:37:54.1Z","deleted":"","description":"Install complete","status":"deployed"},' +
        '"chart":{"metadata":{"name":"web","version":"1.0.0","maintainers":[{"name":"ops"}],"apiVersion":"v2"},"lock":null,' +
        '"templates":[{"name":"templates/a.yaml","data":"YTogPGI+ICYgYw=="}],"values":{"a":{"nested":[1.5,null,true]},"z":1},"schema":null,"files":null},' +
        '"manifest":"---\\n# Source: web/templates/a.yaml\\na: \\u003cb\\u003e \\u0026 c\\n","version":1,"namespace":"apps"}',
    );
  });

  it('GIVEN a hook that never ran WHEN encoded THEN last_run keeps its empty times and phase, as Go writes a struct', () => {
    const r = { ...sample(), chart: null, info: null, hooks: [{ name: 'h', kind: 'Job', path: 'p', manifest: 'm', events: ['pre-install'], lastRun: { startedAt: '', completedAt: '', phase: '' as const }, weight: 0, deletePolicies: [], outputLogPolicies: [] }] };
    assert.match(releaseToJSON(r), /"hooks":\[\{"name":"h","kind":"Job","path":"p","manifest":"m","events":\["pre-install"\],"last_run":\{"started_at":"","completed_at":"","phase":""\}\}\]/);
  });

  it('GIVEN null times and missing fields WHEN decoded THEN they read as Go zero values', () => {
    const r = releaseFromJSON('{"name":"x","info":{"first_deployed":null,"deleted":null,"status":"failed"},"version":4}');
    assert.deepEqual(r.info, { firstDeployed: '', lastDeployed: '', deleted: '', description: '', status: 'failed', notes: '' });
    assert.equal(r.chart, null);
    assert.deepEqual(r.config, {});
    assert.equal(r.version, 4);
  });

  it('GIVEN text that is not a release WHEN decoded THEN it fails with ReleaseDecodeError', () => {
    assert.throws(() => releaseFromJSON('[1]'), ReleaseDecodeError);
    assert.throws(() => releaseFromJSON('{"name":'), ReleaseDecodeError);
  });
});

describe('release record encoding', () => {
  it('GIVEN a release WHEN encoded THEN it is base64 of gzip of its JSON, and decodes back to an equal release', () => {
    const release = sample();
    const data = encodeRelease(release);
    const raw = Buffer.from(data, 'base64');
    assert.deepEqual([...raw.subarray(0, 3)], [0x1f, 0x8b, 0x08]);
    assert.equal(gunzipSync(raw).toString('utf8'), releaseToJSON(release));
    assert.deepEqual(decodeRelease(data), release);
  });

  it('GIVEN the record the real helm wrote WHEN decoded THEN its manifest and notes are helm\'s', () => {
    const release = decodeRelease(fromHelm);
    assert.equal(release.manifest, '---\n# Source: greeter/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: installed-greeting\ndata:\n  greeting: "howdy"\n  replicas: "3"\n');
    assert.equal(release.info?.notes, 'Greeting howdy from installed.\n');
  });

  it('GIVEN a record stored before helm compressed them WHEN decoded THEN the plain JSON is read', () => {
    const plain = Buffer.from('{"name":"old","version":2}').toString('base64');
    assert.equal(decodeRelease(plain).name, 'old');
    assert.equal(decodeRelease(gzipSync('{"name":"new"}').toString('base64')).name, 'new');
  });
});
