// The contract from ../shared/reference/*.md, written out by hand and checked against the generated CRDs.
// Every expectation here is a fact from a reference, not a copy of the definitions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CustomResourceDefinition } from '../crd.ts';
import { crdManifests } from '../generate.ts';
import type { JSONSchemaProps } from '../schema/types.ts';

const crds = new Map(crdManifests().map((c) => [c.spec.names.kind, c]));

function crd(kind: string): CustomResourceDefinition {
  const found = crds.get(kind);
  assert.ok(found, `no CRD for ${kind}`);
  return found;
}

/** The schema at a dotted path under the object root, e.g. 'spec.ref.branch'; '[]' steps into array items. */
function schemaAt(kind: string, path: string, version?: string): JSONSchemaProps {
  const v = version ? crd(kind).spec.versions.find((x) => x.name === version)! : crd(kind).spec.versions.find((x) => x.storage)!;
  let node: JSONSchemaProps | undefined = v.schema.openAPIV3Schema;
  for (const step of path.split('.')) {
    node = step === '[]' ? node?.items : node?.properties?.[step];
    assert.ok(node, `${kind}: no schema at ${path}`);
  }
  return node!;
}

const ready = '.status.conditions[?(@.type=="Ready")].status';
const message = '.status.conditions[?(@.type=="Ready")].message';
const age = '.metadata.creationTimestamp';

const expectations: Array<{ kind: string; group: string; version: string; shortNames: string[]; categories: string[]; columns: Array<[string, string]> }> = [
  { kind: 'GitRepository', group: 'source.toolkit.fluxcd.io', version: 'v1', shortNames: ['gitrepo'], categories: ['all', 'fluxcd', 'fluxcd-sources'], columns: [['URL', '.spec.url'], ['Age', age], ['Ready', ready], ['Status', message]] },
  { kind: 'OCIRepository', group: 'source.toolkit.fluxcd.io', version: 'v1', shortNames: ['ocirepo'], categories: ['all', 'fluxcd', 'fluxcd-sources'], columns: [['URL', '.spec.url'], ['Ready', ready], ['Status', message], ['Age', age]] },
  { kind: 'HelmRepository', group: 'source.toolkit.fluxcd.io', version: 'v1', shortNames: ['helmrepo'], categories: ['all', 'fluxcd', 'fluxcd-sources'], columns: [['URL', '.spec.url'], ['Age', age], ['Ready', ready], ['Status', message]] },
  {
    kind: 'HelmChart',
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    shortNames: ['hc'],
    categories: ['all', 'fluxcd', 'fluxcd-sources'],
    columns: [['Chart', '.spec.chart'], ['Version', '.spec.version'], ['Source Kind', '.spec.sourceRef.kind'], ['Source Name', '.spec.sourceRef.name'], ['Age', age], ['Ready', ready], ['Status', message]],
  },
  { kind: 'Bucket', group: 'source.toolkit.fluxcd.io', version: 'v1', shortNames: [], categories: ['all', 'fluxcd', 'fluxcd-sources'], columns: [['Endpoint', '.spec.endpoint'], ['Age', age], ['Ready', ready], ['Status', message]] },
  { kind: 'ExternalArtifact', group: 'source.toolkit.fluxcd.io', version: 'v1', shortNames: [], categories: ['all', 'fluxcd', 'fluxcd-sources'], columns: [['Age', age], ['Ready', ready], ['Status', message], ['Source', '.spec.sourceRef.name']] },
  { kind: 'Kustomization', group: 'kustomize.toolkit.fluxcd.io', version: 'v1', shortNames: ['ks'], categories: ['all', 'fluxcd', 'fluxcd-appliers'], columns: [['Age', age], ['Ready', ready], ['Status', message]] },
  { kind: 'HelmRelease', group: 'helm.toolkit.fluxcd.io', version: 'v2', shortNames: ['hr'], categories: ['all', 'fluxcd', 'fluxcd-appliers'], columns: [['Age', age], ['Ready', ready], ['Status', message]] },
  { kind: 'Provider', group: 'notification.toolkit.fluxcd.io', version: 'v1beta3', shortNames: [], categories: ['all', 'fluxcd', 'fluxcd-notifications'], columns: [['Age', age]] },
  { kind: 'Alert', group: 'notification.toolkit.fluxcd.io', version: 'v1beta3', shortNames: [], categories: ['all', 'fluxcd', 'fluxcd-notifications'], columns: [['Age', age]] },
  { kind: 'Receiver', group: 'notification.toolkit.fluxcd.io', version: 'v1', shortNames: [], categories: ['all', 'fluxcd', 'fluxcd-notifications'], columns: [['Age', age], ['Ready', ready], ['Status', message]] },
];

describe('kinds, names and columns per the references', () => {
  test('GIVEN the references THEN exactly the documented kinds are served', () => {
    assert.deepEqual([...crds.keys()].sort(), expectations.map((e) => e.kind).sort());
  });

  for (const e of expectations) {
    test(`GIVEN ${e.kind} THEN group, storage version, short names, categories and printer columns match`, () => {
      const c = crd(e.kind);
      assert.equal(c.spec.group, e.group);
      assert.equal(c.spec.versions.find((v) => v.storage)?.name, e.version);
      assert.deepEqual(c.spec.names.shortNames ?? [], e.shortNames);
      assert.deepEqual(c.spec.names.categories, e.categories);
      const storage = c.spec.versions.find((v) => v.storage)!;
      assert.deepEqual(storage.additionalPrinterColumns.map((col) => [col.name, col.jsonPath]), e.columns);
      assert.equal(storage.additionalPrinterColumns.find((col) => col.name === 'Age')?.type, 'date');
    });
  }
});

describe('fields, enums, patterns and defaults per the references', () => {
  test('GIVEN GitRepository THEN url and interval are required, the url pattern refuses scp-like addresses and the timeout has no hours', () => {
    assert.deepEqual(schemaAt('GitRepository', 'spec').required, ['interval', 'url']);
    const url = new RegExp(schemaAt('GitRepository', 'spec.url').pattern!);
    assert.match('ssh://git@github.com:22/org/repo.git', url);
    assert.doesNotMatch('git@github.com:org/repo.git', url);
    assert.equal(schemaAt('GitRepository', 'spec.timeout').default, '60s');
    assert.doesNotMatch('1h', new RegExp(schemaAt('GitRepository', 'spec.timeout').pattern!));
    assert.deepEqual(schemaAt('GitRepository', 'spec.provider').enum, ['generic', 'aws', 'azure', 'github']);
    assert.equal(schemaAt('GitRepository', 'spec.provider').default, undefined, 'generic is a getter default upstream');
    assert.deepEqual(schemaAt('GitRepository', 'spec.verify.mode').enum, ['head', 'HEAD', 'Tag', 'TagAndHEAD']);
    assert.equal(schemaAt('GitRepository', 'spec.verify.mode').default, 'HEAD');
    assert.deepEqual(schemaAt('GitRepository', 'spec.verify').required, ['secretRef']);
    assert.deepEqual(Object.keys(schemaAt('GitRepository', 'spec.ref').properties!).sort(), ['branch', 'commit', 'name', 'semver', 'tag']);
    assert.match(schemaAt('GitRepository', 'spec')['x-kubernetes-validations']![0]!.rule, /serviceAccountName/);
    for (const field of ['includedArtifacts', 'observedIgnore', 'observedRecurseSubmodules', 'observedInclude', 'observedSparseCheckout', 'sourceVerificationMode', 'lastHandledReconcileAt']) {
      assert.ok(schemaAt('GitRepository', `status.${field}`), field);
    }
  });

  test('GIVEN the Artifact THEN its required fields and digest pattern are meta.Artifact’s', () => {
    const artifact = schemaAt('GitRepository', 'status.artifact');
    assert.deepEqual(artifact.required, ['digest', 'lastUpdateTime', 'path', 'revision', 'url']);
    assert.match('sha256:95e386f4', new RegExp(artifact.properties!.digest!.pattern!));
    assert.equal(artifact.properties!.size!.format, 'int64');
  });

  test('GIVEN OCIRepository THEN the url must be oci://, provider and verify provider have defaults', () => {
    assert.equal(schemaAt('OCIRepository', 'spec.url').pattern, '^oci://.*$');
    assert.deepEqual(schemaAt('OCIRepository', 'spec.provider').enum, ['generic', 'aws', 'azure', 'gcp']);
    assert.equal(schemaAt('OCIRepository', 'spec.provider').default, 'generic');
    assert.deepEqual(schemaAt('OCIRepository', 'spec.layerSelector.operation').enum, ['extract', 'copy']);
    assert.equal(schemaAt('OCIRepository', 'spec.verify.provider').default, 'cosign');
    assert.deepEqual(schemaAt('OCIRepository', 'spec.verify.provider').enum, ['cosign', 'notation']);
  });

  test('GIVEN HelmRepository THEN only url is required and interval is optional', () => {
    assert.deepEqual(schemaAt('HelmRepository', 'spec').required, ['url']);
    assert.equal(schemaAt('HelmRepository', 'spec.url').pattern, '^(http|https|oci)://.*$');
    assert.deepEqual(schemaAt('HelmRepository', 'spec.type').enum, ['default', 'oci']);
  });

  test('GIVEN HelmChart THEN chart, interval and sourceRef are required and version defaults to *', () => {
    assert.deepEqual(schemaAt('HelmChart', 'spec').required, ['chart', 'interval', 'sourceRef']);
    assert.equal(schemaAt('HelmChart', 'spec.version').default, '*');
    assert.deepEqual(schemaAt('HelmChart', 'spec.sourceRef.kind').enum, ['HelmRepository', 'GitRepository', 'Bucket']);
    assert.equal(schemaAt('HelmChart', 'spec.reconcileStrategy').default, 'ChartVersion');
  });

  test('GIVEN Bucket THEN bucketName, endpoint and interval are required and the STS rules are CEL', () => {
    assert.deepEqual(schemaAt('Bucket', 'spec').required, ['bucketName', 'endpoint', 'interval']);
    assert.deepEqual(schemaAt('Bucket', 'spec.provider').enum, ['generic', 'aws', 'gcp', 'azure']);
    assert.deepEqual(schemaAt('Bucket', 'spec.sts.provider').enum, ['aws', 'ldap']);
    assert.ok(schemaAt('Bucket', 'spec')['x-kubernetes-validations']!.length >= 5);
  });

  test('GIVEN Kustomization THEN interval, prune and sourceRef are required, with the documented enums and limits', () => {
    assert.deepEqual(schemaAt('Kustomization', 'spec').required, ['interval', 'prune', 'sourceRef']);
    assert.deepEqual(schemaAt('Kustomization', 'spec.sourceRef.kind').enum, ['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact']);
    assert.deepEqual(schemaAt('Kustomization', 'spec.deletionPolicy').enum, ['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan']);
    assert.deepEqual([schemaAt('Kustomization', 'spec.targetNamespace').minLength, schemaAt('Kustomization', 'spec.targetNamespace').maxLength], [1, 63]);
    assert.deepEqual([schemaAt('Kustomization', 'spec.namePrefix').minLength, schemaAt('Kustomization', 'spec.namePrefix').maxLength], [1, 200]);
    assert.deepEqual(schemaAt('Kustomization', 'spec.postBuild.substituteFrom.[].kind').enum, ['Secret', 'ConfigMap']);
    assert.equal(schemaAt('Kustomization', 'spec.postBuild.substituteFrom.[].optional').default, false);
    assert.deepEqual(schemaAt('Kustomization', 'spec.postBuild.substituteStrategy').enum, ['WithVariables', 'Always']);
    assert.deepEqual(schemaAt('Kustomization', 'spec.decryption.provider').enum, ['sops']);
    assert.deepEqual(schemaAt('Kustomization', 'spec.buildMetadata.[]').enum, ['originAnnotations', 'transformerAnnotations']);
    assert.deepEqual(schemaAt('Kustomization', 'spec.ignore.[]').required, ['paths']);
    assert.equal(schemaAt('Kustomization', 'spec.kubeConfig')['x-kubernetes-validations']!.length, 2);
    assert.deepEqual(schemaAt('Kustomization', 'status.inventory.entries.[]').required, ['id', 'v']);
  });

  test('GIVEN HelmRelease THEN interval is the only required field and chart/chartRef are exclusive by CEL', () => {
    assert.deepEqual(schemaAt('HelmRelease', 'spec').required, ['interval']);
    assert.deepEqual(schemaAt('HelmRelease', 'spec')['x-kubernetes-validations'], [
      { message: 'either chart or chartRef must be set', rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))' },
    ]);
    assert.deepEqual(schemaAt('HelmRelease', 'spec.chartRef.kind').enum, ['OCIRepository', 'HelmChart', 'ExternalArtifact']);
    assert.equal(schemaAt('HelmRelease', 'spec.chart.spec.chart').maxLength, 2048);
    assert.equal(schemaAt('HelmRelease', 'spec.releaseName').maxLength, 53);
    assert.deepEqual(schemaAt('HelmRelease', 'spec.install.crds').enum, ['Skip', 'Create', 'CreateReplace']);
    assert.deepEqual(schemaAt('HelmRelease', 'spec.upgrade.remediation.strategy').enum, ['rollback', 'uninstall']);
    assert.deepEqual(schemaAt('HelmRelease', 'spec.upgrade.serverSideApply').enum, ['enabled', 'disabled', 'auto']);
    assert.deepEqual(schemaAt('HelmRelease', 'spec.install.strategy.name').enum, ['RemediateOnFailure', 'RetryOnFailure']);
    assert.equal(schemaAt('HelmRelease', 'spec.uninstall.deletionPropagation').default, 'background');
    assert.deepEqual(schemaAt('HelmRelease', 'spec.driftDetection.mode').enum, ['enabled', 'warn', 'disabled']);
    assert.deepEqual(schemaAt('HelmRelease', 'spec.postRenderStrategy').enum, ['nohooks', 'combined', 'separate']);
    assert.deepEqual(schemaAt('HelmRelease', 'spec.waitStrategy.name').enum, ['poller', 'legacy']);
    assert.equal(schemaAt('HelmRelease', 'spec.values')['x-kubernetes-preserve-unknown-fields'], true);
    assert.equal(schemaAt('HelmRelease', 'spec.valuesFrom.[].valuesKey').pattern, '^[\\-._a-zA-Z0-9]+$');
    assert.deepEqual(schemaAt('HelmRelease', 'status.lastAttemptedReleaseAction').enum, ['install', 'upgrade']);
    assert.deepEqual(schemaAt('HelmRelease', 'status.history.[]').required, [
      'chartName', 'chartVersion', 'configDigest', 'digest', 'firstDeployed', 'lastDeployed', 'name', 'namespace', 'status', 'version',
    ]);
  });

  test('GIVEN Provider THEN type is a required enum of the 34 documented types, commitStatusExpr is gated by CEL', () => {
    const type = schemaAt('Provider', 'spec.type');
    assert.equal(type.enum!.length, 34);
    for (const t of ['generic', 'generic-hmac', 'slack', 'nats', 'incident.io', 'github', 'azuredevops', 'giteapullrequestcomment']) assert.ok(type.enum!.includes(t), t);
    assert.deepEqual(schemaAt('Provider', 'spec').required, ['type']);
    assert.match(schemaAt('Provider', 'spec')['x-kubernetes-validations']![0]!.rule, /commitStatusExpr/);
    assert.equal(schemaAt('Provider', 'spec.timeout').pattern, '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$');
    assert.equal(schemaAt('Provider', 'spec.address').maxLength, 2048);
  });

  test('GIVEN Alert THEN providerRef and eventSources are required and severity defaults to info', () => {
    assert.deepEqual(schemaAt('Alert', 'spec').required, ['eventSources', 'providerRef']);
    assert.equal(schemaAt('Alert', 'spec.eventSeverity').default, 'info');
    assert.equal(schemaAt('Alert', 'spec.summary').maxLength, 255);
    assert.equal(schemaAt('Alert', 'spec.eventSources.[].kind').enum!.length, 12);
  });

  test('GIVEN Receiver THEN type and resources are required, interval defaults to 10m and generic-oidc is guarded', () => {
    assert.deepEqual(schemaAt('Receiver', 'spec').required, ['resources', 'type']);
    assert.equal(schemaAt('Receiver', 'spec.interval').default, '10m');
    assert.ok(schemaAt('Receiver', 'spec.type').enum!.includes('generic-oidc'));
    assert.deepEqual(schemaAt('Receiver', 'spec.oidcProviders.[]').required, ['issuerURL', 'validations']);
    assert.ok(schemaAt('Receiver', 'spec.resources.[].filter'));
    assert.ok(schemaAt('Receiver', 'status.webhookPath'));
  });
});
