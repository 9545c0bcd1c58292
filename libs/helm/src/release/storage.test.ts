import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { coreResources, KubeClient, type KubeObject, loadClusterAccess } from '@conflux/runtime';
import { controlPlaneForSuite, ensureHelmBinary, freshNamespace, type SuiteControlPlane, type TestNamespace } from '@conflux/testing';
import { loadChart } from '../chart/load.ts';
import { renderChart } from '../chart/render.ts';
import type { GoMap } from '../template/values.ts';
import { newRelease } from './build.ts';
import { releaseToJSON } from './json.ts';
import { releaseSecretName, releaseSecretType, type ReleaseSecret } from './secret.ts';
import { ReleaseExistsError, ReleaseStorage } from './storage.ts';
import { ReleaseStatus, type Release } from './types.ts';

const run = promisify(execFile);

// Round trips through the real kube-apiserver and the real helm v3.21.4: what Conflux writes, helm
// lists, reads and rolls back; what helm installs, Conflux decodes to the same values helm reports.

let plane: SuiteControlPlane;
let client: KubeClient;
let helmPath = '';
let work = '';
let ns: TestNamespace;

const chartFiles: Record<string, string> = {
  'Chart.yaml': 'apiVersion: v2\nname: greeter\nversion: 0.1.0\nappVersion: "1.2.3"\ndescription: A ConfigMap that greets\n',
  'values.yaml': 'greeting: hello\nreplicas: 1\n',
  'templates/configmap.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-greeting\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  replicas: {{ .Values.replicas | quote }}\n',
  'templates/hook.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-hook\n  annotations:\n    "helm.sh/hook": post-install,post-upgrade\n    "helm.sh/hook-weight": "5"\ndata:\n  at: {{ .Release.Revision | quote }}\n',
  'templates/NOTES.txt': 'Greeting {{ .Values.greeting }} from {{ .Release.Name }}.\n',
  'README.md': '# greeter\n',
};

async function writeChart(dir: string): Promise<void> {
  for (const [path, text] of Object.entries(chartFiles)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

async function helm(...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    KUBECONFIG: plane.kubeconfig,
    HELM_CACHE_HOME: join(work, '.cache'),
    HELM_CONFIG_HOME: join(work, '.config'),
    HELM_DATA_HOME: join(work, '.data'),
    HELM_DRIVER: 'secret',
  };
  const { stdout } = await run(helmPath, [...args, '--namespace', ns.name], { env, maxBuffer: 64 << 20 });
  return stdout;
}

const helmJSON = async <T>(...args: string[]): Promise<T> => JSON.parse(await helm(...args, '-o', 'json')) as T;

/** What Conflux would install: the chart rendered with these values, as a release record. */
async function conflux(name: string, values: GoMap, version: number, status: ReleaseStatus): Promise<Release> {
  const chart = await loadChart(join(work, 'greeter'));
  const rendered = renderChart(chart, { releaseName: name, namespace: ns.name, values, revision: version, isUpgrade: version > 1 });
  return newRelease({ name, namespace: ns.name, version, chart, rendered, config: values, status, description: version === 1 ? 'Install complete' : 'Upgrade complete' });
}

/** Applies a release's manifest objects carrying helm's ownership metadata, as helm's install would. */
async function applyManifest(release: Release): Promise<void> {
  for (const doc of parseAllDocuments(release.manifest)) {
    const obj = doc.toJS() as KubeObject | null;
    if (!obj) continue;
    obj.metadata.namespace = ns.name;
    obj.metadata.labels = { ...obj.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' };
    obj.metadata.annotations = { ...obj.metadata.annotations, 'meta.helm.sh/release-name': release.name, 'meta.helm.sh/release-namespace': ns.name };
    await client.patch(coreResources.ConfigMap, ns.name, obj.metadata.name, obj, { type: 'application/apply-patch+yaml', fieldManager: 'conflux-test', force: true });
  }
}

before(async () => {
  [plane, helmPath] = await Promise.all([controlPlaneForSuite(), ensureHelmBinary().then((b) => b.path)]);
  client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }));
  work = await mkdtemp(join(tmpdir(), 'conflux-release-'));
  await writeChart(join(work, 'greeter'));
});

after(async () => {
  client?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('release storage against the real helm', () => {
  before(async () => {
    ns = await freshNamespace(plane.clients, 'helm-release');
  });
  after(async () => {
    await ns?.remove();
  });

  it('GIVEN Conflux installs then upgrades a release WHEN helm reads the storage THEN list, history, get and rollback agree', async () => {
    const storage = new ReleaseStorage(client, ns.name);
    const v1 = await conflux('written', { greeting: 'hi' }, 1, ReleaseStatus.deployed);
    await applyManifest(v1);
    await storage.create(v1);

    const secret = await client.get<ReleaseSecret>(coreResources.Secret, ns.name, releaseSecretName('written', 1));
    assert.equal(secret.type, releaseSecretType);
    const { createdAt, ...labels } = secret.metadata.labels ?? {};
    assert.deepEqual(labels, { name: 'written', owner: 'helm', status: 'deployed', version: '1' });
    assert.match(createdAt ?? '', /^\d+$/);

    const listed = await helmJSON<{ name: string; namespace: string; revision: string; status: string; chart: string; app_version: string }[]>('list');
    assert.deepEqual(
      listed.map(({ name, namespace, revision, status, chart, app_version }) => ({ name, namespace, revision, status, chart, app_version })),
      [{ name: 'written', namespace: ns.name, revision: '1', status: 'deployed', chart: 'greeter-0.1.0', app_version: '1.2.3' }],
    );
    assert.equal(await helm('get', 'manifest', 'written'), `${v1.manifest}\n`);
    assert.deepEqual(await helmJSON('get', 'values', 'written'), { greeting: 'hi' });
    assert.equal(await helm('get', 'notes', 'written'), `NOTES:\n${v1.info!.notes}\n`);
    assert.deepEqual(await helmJSON('get', 'values', 'written', '--all'), { greeting: 'hi', replicas: 1 });

    // WHEN Conflux upgrades: a new revision, the old one superseded.
    const v2 = await storage.createNext(await conflux('written', { greeting: 'bye' }, 2, ReleaseStatus.deployed));
    assert.equal(v2.version, 2);
    await applyManifest(v2);
    await storage.supersede('written', 1);
    await assert.rejects(storage.create(v2), ReleaseExistsError);

    const history = await helmJSON<{ revision: number; status: string; chart: string; description: string }[]>('history', 'written');
    assert.deepEqual(
      history.map(({ revision, status, chart, description }) => ({ revision, status, chart, description })),
      [
        { revision: 1, status: 'superseded', chart: 'greeter-0.1.0', description: 'Install complete' },
        { revision: 2, status: 'deployed', chart: 'greeter-0.1.0', description: 'Upgrade complete' },
      ],
    );
    const superseded = await client.get<ReleaseSecret>(coreResources.Secret, ns.name, releaseSecretName('written', 1));
    assert.equal(superseded.metadata.labels?.status, 'superseded');
    assert.match(superseded.metadata.labels?.modifiedAt ?? '', /^\d+$/);
    assert.equal(superseded.metadata.labels?.createdAt, undefined, 'helm rebuilds the labels on update, dropping createdAt');

    // WHEN helm rolls back to what Conflux wrote as revision 1.
    await helm('rollback', 'written', '1');
    const after = await storage.history('written');
    assert.deepEqual(
      after.map((r) => [r.version, r.info?.status, r.info?.description]),
      [
        [1, 'superseded', 'Install complete'],
        [2, 'superseded', 'Upgrade complete'],
        [3, 'deployed', 'Rollback to 1'],
      ],
    );
    const v3 = (await storage.deployed('written'))!;
    assert.equal(v3.version, 3);
    assert.equal(v3.manifest, v1.manifest);
    assert.deepEqual(v3.config, { greeting: 'hi' });
    const cm = await client.get<KubeObject & { data?: Record<string, string> }>(coreResources.ConfigMap, ns.name, 'written-greeting');
    assert.equal(cm.data?.greeting, 'hi');
  });

  it('GIVEN four revisions with the second deployed WHEN a fifth is created with maxHistory 3 THEN the oldest go but the deployed one stays', async () => {
    const storage = new ReleaseStorage(client, ns.name);
    const base = await conflux('pruned', { greeting: 'x' }, 1, ReleaseStatus.superseded);
    const statuses = [ReleaseStatus.superseded, ReleaseStatus.deployed, ReleaseStatus.failed, ReleaseStatus.failed];
    for (const [i, status] of statuses.entries()) await storage.create({ ...base, version: i + 1, info: { ...base.info!, status } });
    await storage.createNext({ ...base, info: { ...base.info!, status: ReleaseStatus.pendingUpgrade } }, { maxHistory: 3 });
    assert.deepEqual((await storage.history('pruned')).map((r) => [r.version, r.info?.status]), [[2, 'deployed'], [4, 'failed'], [5, 'pending-upgrade']]);
    assert.equal((await storage.deployed('pruned'))?.version, 2);
    assert.equal((await storage.last('pruned'))?.version, 5);
    assert.equal(await storage.get('pruned', 1), undefined);
  });

  it('GIVEN helm installed a chart WHEN Conflux decodes the release THEN it holds what helm reports, and re-encodes to the same JSON', async () => {
    await helm('install', 'installed', join(work, 'greeter'), '--set', 'greeting=howdy', '--set', 'replicas=3', '--labels', 'team=blue');
    const storage = new ReleaseStorage(client, ns.name);
    const release = (await storage.last('installed'))!;

    const [reported] = await helmJSON<{ name: string; revision: string; status: string }[]>('list', '--filter', '^installed$');
    assert.equal(release.name, reported!.name);
    assert.equal(String(release.version), reported!.revision);
    assert.equal(release.info?.status, reported!.status);
    assert.equal(release.namespace, ns.name);
    assert.equal(`${release.manifest}\n`, await helm('get', 'manifest', 'installed'));
    assert.deepEqual(release.config, await helmJSON('get', 'values', 'installed'));
    assert.deepEqual(release.labels, { team: 'blue' });
    assert.deepEqual(
      release.hooks.map((h) => [h.name, h.kind, h.path, h.events, h.weight, h.lastRun.phase]),
      [['installed-hook', 'ConfigMap', 'greeter/templates/hook.yaml', ['post-install', 'post-upgrade'], 5, 'Succeeded']],
    );

    // Byte for byte: decoding then encoding gives back the JSON helm wrote.
    const secret = await client.get<ReleaseSecret>(coreResources.Secret, ns.name, releaseSecretName('installed', 1));
    const written = gunzipSync(Buffer.from(Buffer.from(secret.data!.release!, 'base64').toString('utf8'), 'base64')).toString('utf8');
    assert.equal(releaseToJSON(release), written);

    // And Conflux's own render of the same chart and values stores the same chart, manifest and config.
    const ours = await conflux('installed', { greeting: 'howdy', replicas: 3 }, 1, ReleaseStatus.deployed);
    assert.equal(ours.manifest, release.manifest);
    assert.equal(ours.info?.notes, release.info?.notes);
    assert.equal(releaseToJSON({ ...ours, info: null, hooks: [] }), releaseToJSON({ ...release, info: null, hooks: [] }));
  });

  it('GIVEN helm installed a chart with a Chart.lock WHEN Conflux decodes the release and stores its own THEN both keep the same lock', async () => {
    const dir = join(work, 'locked');
    const files: Record<string, string> = {
      'Chart.yaml': 'apiVersion: v2\nname: locked\nversion: 0.2.0\ndependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://charts/sub\n  condition: sub.enabled\n  alias: inner\n',
      'Chart.lock':
        'dependencies:\n- name: sub\n  repository: file://charts/sub\n  version: 0.1.0\ndigest: sha256:5a3a8b3e4e2c9b0a7d1e6f2c4b8a9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708\ngenerated: "2024-05-04T12:37:54.010200+02:00"\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-locked\ndata:\n  a: "1"\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
      'charts/sub/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-sub\ndata:\n  b: "2"\n',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    await helm('install', 'with-lock', dir);
    const theirs = (await new ReleaseStorage(client, ns.name).last('with-lock'))!;
    assert.deepEqual(
      { generated: theirs.chart?.lock?.generated, names: theirs.chart?.lock?.dependencies?.map((d) => d.name) },
      { generated: '2024-05-04T12:37:54.0102+02:00', names: ['sub'] },
    );

    const chart = await loadChart(dir);
    const rendered = renderChart(chart, { releaseName: 'with-lock', namespace: ns.name });
    const ours = newRelease({ name: 'with-lock', namespace: ns.name, version: 1, chart, rendered, config: {}, status: ReleaseStatus.deployed, description: 'Install complete' });
    assert.equal(releaseToJSON({ ...ours, info: null, hooks: [] }), releaseToJSON({ ...theirs, info: null, hooks: [] }));
  });
});
