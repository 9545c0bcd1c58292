// End-to-end: the generated CRDs against a real kube-apiserver. What is tested here is the API server's
// own behaviour with our schemas (defaulting, validation, printer columns, deprecation), so nothing is
// mocked: a wrong pattern or default in src/kinds fails these tests the way it would fail a user.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { controlPlaneForSuite, freshNamespace, installCRDs, kubeRequest, type KubeResponse, type SuiteControlPlane, type TestNamespace } from '@conflux/testing';
import { crdManifests } from './generate.ts';
import { type FluxKind, resourcePath } from './registry.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// At module level: controlPlaneForSuite registers its own after() hook, which inside before() would stop
// the control plane as soon as that hook ends.
const plane: SuiteControlPlane = await controlPlaneForSuite();
let ns: TestNamespace;

before(async () => {
  await installCRDs(plane.clients, crdManifests());
  ns = await freshNamespace(plane.clients, 'api-crds');
});

after(async () => {
  await ns?.remove();
});

async function create(kind: FluxKind, body: Json, version?: string): Promise<KubeResponse> {
  let path = resourcePath(kind, { namespace: ns.name });
  if (version) path = path.replace(/^(\/apis\/[^/]+\/)[^/]+/, `$1${version}`);
  return kubeRequest(plane.clients.kubeconfig, 'POST', path, { body });
}

async function createOk(kind: FluxKind, body: Json, version?: string): Promise<Json> {
  const res = await create(kind, body, version);
  assert.equal(res.status, 201, `creating ${kind} ${body.metadata?.name} failed: ${res.body}`);
  return res.json();
}

async function read(kind: FluxKind, name: string): Promise<Json> {
  const res = await kubeRequest(plane.clients.kubeconfig, 'GET', resourcePath(kind, { namespace: ns.name, name }));
  assert.equal(res.status, 200, res.body);
  return res.json();
}

describe('GIVEN the generated CRDs', () => {
  test('WHEN they are installed THEN every one is Established with its names accepted', async () => {
    for (const crd of crdManifests()) {
      const res = await kubeRequest(plane.clients.kubeconfig, 'GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`);
      assert.equal(res.status, 200, res.body);
      const conditions: Array<{ type: string; status: string }> = res.json<Json>().status.conditions;
      for (const type of ['Established', 'NamesAccepted']) {
        assert.ok(conditions.some((c) => c.type === type && c.status === 'True'), `${crd.metadata.name} is not ${type}`);
      }
      assert.deepEqual(res.json<Json>().status.acceptedNames.shortNames ?? [], crd.spec.names.shortNames ?? []);
    }
  });

  test('WHEN the API is discovered THEN kubectl-style short names and categories resolve to the kinds', async () => {
    const res = await kubeRequest(plane.clients.kubeconfig, 'GET', '/apis/source.toolkit.fluxcd.io/v1');
    const resources: Json[] = res.json<Json>().resources;
    const gitrepos = resources.find((r) => r.name === 'gitrepositories')!;
    assert.deepEqual(gitrepos.shortNames, ['gitrepo']);
    assert.deepEqual(gitrepos.categories, ['all', 'fluxcd', 'fluxcd-sources']);
    assert.ok(resources.some((r) => r.name === 'gitrepositories/status'), 'the status subresource is served');
  });
});

describe('GIVEN manifests written the way the references show them', () => {
  test('WHEN a GitRepository is applied THEN timeout defaults to 60s, ref stays empty and status starts unobserved', async () => {
    await createOk('GitRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'podinfo' },
      spec: { url: 'https://github.com/stefanprodan/podinfo', interval: '5m' },
    });
    const got = await read('GitRepository', 'podinfo');
    assert.equal(got.spec.timeout, '60s');
    // nil ref means the master branch, decided by the controller: upstream's CRD has no default for it.
    assert.equal(got.spec.ref, undefined);
    assert.deepEqual(got.status, { observedGeneration: -1 });
  });

  test('WHEN a GitRepository asks for verification THEN the mode defaults to HEAD', async () => {
    await createOk('GitRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'signed' },
      spec: {
        url: 'ssh://git@github.com/org/repo.git',
        interval: '1m',
        ref: { semver: '>=1.0.0' },
        secretRef: { name: 'ssh-credentials' },
        verify: { secretRef: { name: 'pgp-public-keys' } },
        include: [{ repository: { name: 'podinfo' }, fromPath: 'deploy', toPath: 'base' }],
        sparseCheckout: ['./deploy'],
      },
    });
    const got = await read('GitRepository', 'signed');
    assert.equal(got.spec.verify.mode, 'HEAD');
    assert.equal(got.spec.timeout, '60s');
    assert.deepEqual(got.spec.include, [{ repository: { name: 'podinfo' }, fromPath: 'deploy', toPath: 'base' }]);
  });

  test('WHEN an OCIRepository is applied THEN provider, timeout and the verify provider are defaulted', async () => {
    await createOk('OCIRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: { name: 'podinfo' },
      spec: {
        url: 'oci://ghcr.io/stefanprodan/manifests/podinfo',
        interval: '10m',
        ref: { semver: '6.x' },
        layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
        verify: { matchOIDCIdentity: [{ issuer: '^https://token.actions.githubusercontent.com$', subject: '^https://github.com/stefanprodan/podinfo.*$' }] },
      },
    });
    const got = await read('OCIRepository', 'podinfo');
    assert.equal(got.spec.provider, 'generic');
    assert.equal(got.spec.timeout, '60s');
    assert.equal(got.spec.verify.provider, 'cosign');
    assert.equal(got.status.observedGeneration, -1);
  });

  test('WHEN a HelmRepository is applied THEN only the provider is defaulted; interval and timeout stay getter defaults', async () => {
    await createOk('HelmRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'podinfo' },
      spec: { url: 'https://stefanprodan.github.io/podinfo' },
    });
    const got = await read('HelmRepository', 'podinfo');
    assert.equal(got.spec.provider, 'generic');
    assert.equal(got.spec.interval, undefined);
    assert.equal(got.spec.timeout, undefined);
    assert.equal(got.status.observedGeneration, -1);
  });

  test('WHEN a HelmChart is applied THEN version and reconcileStrategy are defaulted', async () => {
    await createOk('HelmChart', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      metadata: { name: 'podinfo' },
      spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' }, interval: '5m', valuesFiles: ['values.yaml', 'values-prod.yaml'] },
    });
    const got = await read('HelmChart', 'podinfo');
    assert.equal(got.spec.version, '*');
    assert.equal(got.spec.reconcileStrategy, 'ChartVersion');
    assert.equal(got.status.observedGeneration, -1);
  });

  test('WHEN a Bucket is applied THEN provider and timeout are defaulted', async () => {
    await createOk('Bucket', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'Bucket',
      metadata: { name: 'podinfo' },
      spec: { bucketName: 'podinfo', endpoint: 'minio.minio.svc.cluster.local:9000', insecure: true, interval: '5m', secretRef: { name: 'minio-credentials' } },
    });
    const got = await read('Bucket', 'podinfo');
    assert.equal(got.spec.provider, 'generic');
    assert.equal(got.spec.timeout, '60s');
    assert.equal(got.status.observedGeneration, -1);
  });

  test('WHEN an ExternalArtifact is applied THEN it keeps its source reference and gets no status default', async () => {
    await createOk('ExternalArtifact', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'ExternalArtifact',
      metadata: { name: 'podinfo' },
      spec: { sourceRef: { apiVersion: 'source.extensions.fluxcd.io/v1beta1', kind: 'ArtifactGenerator', name: 'podinfo' } },
    });
    const got = await read('ExternalArtifact', 'podinfo');
    assert.equal(got.spec.sourceRef.kind, 'ArtifactGenerator');
    assert.equal(got.status, undefined);
  });

  test('WHEN a Kustomization is applied THEN force and substituteFrom.optional default to false', async () => {
    await createOk('Kustomization', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'podinfo' },
      spec: {
        interval: '10m',
        retryInterval: '2m',
        timeout: '5m',
        path: './kustomize',
        prune: true,
        wait: true,
        targetNamespace: 'apps',
        sourceRef: { kind: 'GitRepository', name: 'podinfo' },
        dependsOn: [{ name: 'infra', namespace: 'flux-system' }],
        postBuild: { substitute: { cluster_env: 'prod' }, substituteFrom: [{ kind: 'ConfigMap', name: 'cluster-vars' }] },
        patches: [{ patch: '- op: replace\n  path: /spec/replicas\n  value: 2', target: { kind: 'Deployment', name: 'podinfo' } }],
        images: [{ name: 'ghcr.io/stefanprodan/podinfo', newTag: '6.5.0' }],
        healthCheckExprs: [{ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')" }],
        ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment' } }],
      },
    });
    const got = await read('Kustomization', 'podinfo');
    assert.equal(got.spec.force, false);
    assert.equal(got.spec.postBuild.substituteFrom[0].optional, false);
    assert.equal(got.status.observedGeneration, -1);
  });

  test('WHEN a HelmRelease is applied THEN the chart template and uninstall defaults are filled in and values are kept', async () => {
    const values = { replicaCount: 2, ingress: { enabled: true, hosts: [{ host: 'podinfo.local', paths: ['/'] }] } };
    await createOk('HelmRelease', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo' },
      spec: {
        interval: '10m',
        timeout: '5m',
        chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } },
        install: { remediation: { retries: 3 } },
        upgrade: { remediation: { retries: 3, strategy: 'rollback' }, crds: 'CreateReplace' },
        test: { enable: true },
        driftDetection: { mode: 'enabled', ignore: [{ paths: ['/spec/replicas'], target: { kind: 'Deployment' } }] },
        uninstall: { keepHistory: false },
        valuesFrom: [{ kind: 'ConfigMap', name: 'podinfo-values', valuesKey: 'values.yaml' }],
        values,
      },
    });
    const got = await read('HelmRelease', 'podinfo');
    assert.equal(got.spec.chart.spec.version, '*');
    assert.equal(got.spec.chart.spec.reconcileStrategy, 'ChartVersion');
    assert.equal(got.spec.uninstall.deletionPropagation, 'background');
    assert.deepEqual(got.spec.values, values);
    assert.equal(got.status.observedGeneration, -1);
  });

  test('WHEN a HelmRelease uses chartRef to an OCIRepository THEN it is accepted', async () => {
    const created = await createOk('HelmRelease', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'podinfo-oci' },
      spec: { interval: '10m', chartRef: { kind: 'OCIRepository', name: 'podinfo' } },
    });
    assert.equal(created.spec.chartRef.kind, 'OCIRepository');
  });

  test('WHEN a Provider and an Alert are applied THEN the Alert severity defaults to info and neither has a status', async () => {
    await createOk('Provider', {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Provider',
      metadata: { name: 'slack' },
      spec: { type: 'slack', channel: 'general', address: 'https://slack.com/api/chat.postMessage', secretRef: { name: 'slack-token' } },
    });
    await createOk('Alert', {
      apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
      kind: 'Alert',
      metadata: { name: 'on-call' },
      spec: {
        providerRef: { name: 'slack' },
        eventSources: [
          { kind: 'GitRepository', name: '*' },
          { kind: 'Kustomization', name: 'podinfo', namespace: 'apps' },
        ],
        exclusionList: ['^Dependencies.*'],
        eventMetadata: { env: 'prod-eu' },
      },
    });
    const alert = await read('Alert', 'on-call');
    assert.equal(alert.spec.eventSeverity, 'info');
    assert.equal(alert.status, undefined);
    assert.equal((await read('Provider', 'slack')).status, undefined);
  });

  test('WHEN a Receiver is applied THEN its interval defaults to 10m and status starts unobserved', async () => {
    await createOk('Receiver', {
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: { name: 'flux-receiver' },
      spec: {
        type: 'github',
        events: ['ping', 'push'],
        secretRef: { name: 'receiver-token' },
        resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'flux-system' }],
      },
    });
    const got = await read('Receiver', 'flux-receiver');
    assert.equal(got.spec.interval, '10m');
    assert.equal(got.status.observedGeneration, -1);
  });
});

describe('GIVEN objects listed the way kubectl lists them', () => {
  async function columns(kind: FluxKind): Promise<{ names: string[]; rows: Json[] }> {
    const res = await kubeRequest(plane.clients.kubeconfig, 'GET', resourcePath(kind, { namespace: ns.name }), {
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    });
    assert.equal(res.status, 200, res.body);
    const table = res.json<Json>();
    assert.equal(table.kind, 'Table');
    return { names: table.columnDefinitions.map((c: Json) => c.name), rows: table.rows };
  }

  test('WHEN gitrepositories, kustomizations and helmreleases are listed as a Table THEN the columns are upstream’s', async () => {
    await createOk('GitRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'columns' },
      spec: { url: 'https://example.com/columns.git', interval: '1m' },
    });
    const git = await columns('GitRepository');
    assert.deepEqual(git.names, ['Name', 'URL', 'Age', 'Ready', 'Status']);
    const row = git.rows.find((r) => r.cells[0] === 'columns');
    assert.equal(row?.cells[1], 'https://example.com/columns.git');

    assert.deepEqual((await columns('Kustomization')).names, ['Name', 'Age', 'Ready', 'Status']);
    assert.deepEqual((await columns('HelmRelease')).names, ['Name', 'Age', 'Ready', 'Status']);
    assert.deepEqual((await columns('HelmChart')).names, ['Name', 'Chart', 'Version', 'Source Kind', 'Source Name', 'Age', 'Ready', 'Status']);
    assert.deepEqual((await columns('OCIRepository')).names, ['Name', 'URL', 'Ready', 'Status', 'Age']);
  });

  test('WHEN a Ready condition is written through the status subresource THEN Ready and Status show it', async () => {
    const path = resourcePath('GitRepository', { namespace: ns.name, name: 'columns', subresource: 'status' });
    const res = await kubeRequest(plane.clients.kubeconfig, 'PATCH', path, {
      headers: { 'content-type': 'application/merge-patch+json' },
      body: {
        status: {
          observedGeneration: 1,
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'Succeeded',
              message: "stored artifact for revision 'main@sha1:132f4e719209eb10b9485302f8593fc0e680f4fc'",
              lastTransitionTime: '2026-01-01T00:00:00Z',
              observedGeneration: 1,
            },
          ],
        },
      },
    });
    assert.equal(res.status, 200, res.body);
    const row = (await columns('GitRepository')).rows.find((r) => r.cells[0] === 'columns')!;
    assert.equal(row.cells[3], 'True');
    assert.equal(row.cells[4], "stored artifact for revision 'main@sha1:132f4e719209eb10b9485302f8593fc0e680f4fc'");
  });
});

describe('GIVEN invalid manifests', () => {
  function assertRejected(res: KubeResponse, ...fragments: string[]): void {
    assert.equal(res.status, 422, `expected 422, got ${res.status}: ${res.body}`);
    const message: string = res.json<Json>().message;
    for (const fragment of fragments) assert.ok(message.includes(fragment), `"${fragment}" not in: ${message}`);
  }

  test('WHEN an enum field has a value outside the enum THEN the API server rejects it naming the field', async () => {
    const res = await create('GitRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'bad-provider' },
      spec: { url: 'https://example.com/repo.git', interval: '1m', provider: 'gitlab' },
    });
    assertRejected(res, 'spec.provider', 'Unsupported value: "gitlab"');
  });

  test('WHEN a required field is missing THEN the API server rejects it naming the field', async () => {
    const res = await create('Kustomization', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'no-prune' },
      spec: { interval: '10m', sourceRef: { kind: 'GitRepository', name: 'podinfo' } },
    });
    assertRejected(res, 'spec.prune', 'Required value');
  });

  test('WHEN a URL does not match the pattern THEN the API server rejects it naming the field', async () => {
    const res = await create('GitRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'scp-like' },
      spec: { url: 'git@github.com:org/repo.git', interval: '1m' },
    });
    assertRejected(res, 'spec.url');
  });

  test('WHEN a source timeout is given in hours THEN the API server rejects it', async () => {
    const res = await create('GitRepository', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'hour-timeout' },
      spec: { url: 'https://example.com/repo.git', interval: '1h', timeout: '1h' },
    });
    assertRejected(res, 'spec.timeout');
  });

  test('WHEN a HelmRelease has neither chart nor chartRef THEN the CEL rule rejects it with upstream’s message', async () => {
    const res = await create('HelmRelease', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name: 'no-chart' },
      spec: { interval: '10m' },
    });
    assertRejected(res, 'spec', 'either chart or chartRef must be set');
  });

  test('WHEN a Bucket sets both secretRef and serviceAccountName THEN the CEL rule rejects it', async () => {
    const res = await create('Bucket', {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'Bucket',
      metadata: { name: 'both-auth' },
      spec: { provider: 'aws', bucketName: 'b', endpoint: 's3.amazonaws.com', interval: '5m', secretRef: { name: 's' }, serviceAccountName: 'sa' },
    });
    assertRejected(res, 'cannot set both .spec.secretRef and .spec.serviceAccountName');
  });
});

describe('GIVEN manifests written for Flux 2.2–2.8 (notification v1beta2)', () => {
  test('WHEN a v1beta2 Provider and Alert are applied THEN they are stored, with a deprecation warning', async () => {
    const provider = await create(
      'Provider',
      {
        apiVersion: 'notification.toolkit.fluxcd.io/v1beta2',
        kind: 'Provider',
        metadata: { name: 'legacy-slack' },
        spec: { type: 'slack', channel: 'general', secretRef: { name: 'slack-url' } },
      },
      'v1beta2',
    );
    assert.equal(provider.status, 201, provider.body);
    assert.match(String(provider.headers.warning), /notification\.toolkit\.fluxcd\.io\/v1beta2 Provider is deprecated/);

    const alert = await create(
      'Alert',
      {
        apiVersion: 'notification.toolkit.fluxcd.io/v1beta2',
        kind: 'Alert',
        metadata: { name: 'legacy-alert' },
        spec: { providerRef: { name: 'legacy-slack' }, eventSeverity: 'error', eventSources: [{ kind: 'HelmRelease', name: '*' }] },
      },
      'v1beta2',
    );
    assert.equal(alert.status, 201, alert.body);
    assert.match(String(alert.headers.warning), /notification\.toolkit\.fluxcd\.io\/v1beta2 Alert is deprecated/);

    // No conversion: the same object is served, unchanged, by the storage version.
    const stored = await read('Alert', 'legacy-alert');
    assert.equal(stored.apiVersion, 'notification.toolkit.fluxcd.io/v1beta3');
    assert.equal(stored.spec.eventSeverity, 'error');
    assert.deepEqual(stored.spec.eventSources, [{ kind: 'HelmRelease', name: '*' }]);
  });
});
