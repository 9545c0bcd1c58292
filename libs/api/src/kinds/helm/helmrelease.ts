import { array, boolean, duration, integer, json, map, object, oneOf, ref, string, stringMap } from '../../schema/dsl.ts';
import {
  commonMetadata,
  conditions,
  DependencyReference,
  KubeConfigReference,
  LocalObjectReference,
  observedGeneration,
  reconcileRequestStatus,
  ResourceInventory,
  statusDefault,
} from '../../meta.ts';
import { readinessColumns } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { customHealthCheck, ignoreRule, images, patches } from '../kustomize-fragments.ts';

const ChartSourceReference = object(
  {
    apiVersion: string({ doc: 'API version of the source.' }),
    kind: oneOf(['HelmRepository', 'GitRepository', 'Bucket'], { doc: 'Kind of the source.', required: true }),
    name: string({ doc: 'Name of the source.', maxLength: 253, minLength: 1, required: true }),
    namespace: string({ doc: "Namespace of the source; this HelmRelease's namespace when empty.", maxLength: 63, minLength: 1 }),
  },
  { typeName: 'HelmChartSourceReference', typeDoc: 'The source a generated HelmChart takes its chart from.' },
);

const ChartRef = object(
  {
    apiVersion: string({ doc: 'API version of the referent.' }),
    kind: oneOf(['OCIRepository', 'HelmChart', 'ExternalArtifact'], { doc: 'Kind of the referent.', required: true }),
    name: string({ doc: 'Name of the referent.', maxLength: 253, minLength: 1, required: true }),
    namespace: string({ doc: "Namespace of the referent; this HelmRelease's namespace when empty.", maxLength: 63, minLength: 1 }),
  },
  { typeName: 'HelmReleaseChartReference', typeDoc: 'An existing source object whose artifact is the chart.' },
);

const HelmChartTemplate = object(
  {
    metadata: object(
      {
        labels: stringMap({ doc: 'Labels for the generated HelmChart.' }),
        annotations: stringMap({ doc: 'Annotations for the generated HelmChart.' }),
      },
      { doc: 'Labels and annotations for the generated HelmChart.', typeName: 'HelmChartTemplateObjectMeta' },
    ),
    spec: object(
      {
        chart: string({ doc: 'The chart name in a HelmRepository, or its directory in a GitRepository or Bucket.', maxLength: 2048, minLength: 1, required: true }),
        version: string({ doc: "A semver range for the chart version; ignored for Git and Bucket sources. Defaults to '*', the latest.", default: '*' }),
        sourceRef: ref(ChartSourceReference, { doc: 'The source the chart is taken from.', required: true }),
        interval: duration({ doc: 'How often the source is checked for a new chart; spec.interval when empty.' }),
        reconcileStrategy: oneOf(['ChartVersion', 'Revision'], {
          doc: "When to build a new chart artifact: 'ChartVersion' when the version changes, 'Revision' when the source revision changes.",
          default: 'ChartVersion',
        }),
        valuesFiles: array(string(), { doc: 'Values files in the source to merge into the chart, in order; the last wins.' }),
        ignoreMissingValuesFiles: boolean({ doc: 'Skip values files that do not exist instead of failing.' }),
        verify: object(
          {
            provider: oneOf(['cosign', 'notation'], { doc: 'The signing technology to verify with.', default: 'cosign', required: true }),
            secretRef: ref(LocalObjectReference, { doc: 'A Secret with the trusted public keys.' }),
          },
          { doc: 'Verify the signature of a chart from an OCI source.', typeName: 'HelmChartTemplateVerification' },
        ),
      },
      { doc: 'The spec of the generated HelmChart.', required: true, typeName: 'HelmChartTemplateSpec' },
    ),
  },
  { typeName: 'HelmChartTemplate', typeDoc: 'The HelmChart the controller generates for this release.' },
);

const Strategy = object(
  {
    name: oneOf(['RemediateOnFailure', 'RetryOnFailure'], {
      doc: "What to do after a failed action: 'RemediateOnFailure' (the default) runs the remediation, 'RetryOnFailure'\nretries with an upgrade after retryInterval.",
      required: true,
    }),
    retryInterval: duration({ doc: "How long to wait before retrying; 5m when empty. Only for 'RetryOnFailure'." }),
  },
  {
    typeName: 'ActionStrategy',
    typeDoc: 'How the controller reacts to a failed install or upgrade.',
    validations: [{ rule: "!has(self.retryInterval) || self.name != 'RemediateOnFailure'", message: ".retryInterval cannot be set when .name is 'RemediateOnFailure'" }],
  },
);

const crds = (defaultPolicy: string) =>
  oneOf(['Skip', 'Create', 'CreateReplace'], {
    doc:
      `What to do with the CRDs in the chart's crds directory; '${defaultPolicy}' when empty. 'Skip' leaves them alone, 'Create'\n` +
      "creates missing ones, 'CreateReplace' also replaces existing ones. None are ever deleted.",
  });

const serverSideApplyMode = (what: string) =>
  oneOf(['enabled', 'disabled', 'auto'], { doc: `Whether ${what} uses server-side apply; 'auto' reuses the method of the release being replaced.` });

const actionTimeout = (action: string) =>
  duration({ doc: `How long to wait for each Kubernetes operation of a Helm ${action}, such as hook Jobs; spec.timeout when empty.` });

const commonActionFlags = (action: string) => ({
  disableWait: boolean({ doc: `Do not wait for the resources to become ready after the ${action}.` }),
  disableWaitForJobs: boolean({ doc: `Do not wait for Jobs to complete after the ${action}.` }),
  disableHooks: boolean({ doc: `Do not run hooks during the ${action}.` }),
});

const Install = object(
  {
    timeout: actionTimeout('install'),
    strategy: ref(Strategy, { doc: 'What to do when the install fails.' }),
    remediation: object(
      {
        retries: integer({ doc: 'How many times to retry, uninstalling in between; 0 by default, negative for no limit.' }),
        ignoreTestFailures: boolean({ doc: 'Do not remediate when the tests after the install fail; test.ignoreFailures when empty.' }),
        remediateLastFailure: boolean({ doc: 'Remediate the last failure too, when no retries are left. Defaults to false.' }),
      },
      { doc: 'How to remediate a failed install.', typeName: 'InstallRemediation' },
    ),
    disableTakeOwnership: boolean({ doc: 'Do not adopt existing objects that the chart would create.' }),
    ...commonActionFlags('install'),
    disableOpenAPIValidation: boolean({ doc: 'Do not validate the rendered manifests against the Kubernetes OpenAPI schema.' }),
    disableSchemaValidation: boolean({ doc: "Do not validate the values against the chart's values.schema.json." }),
    replace: boolean({ doc: 'Reuse the release name if it belongs to an uninstalled release kept in the history.' }),
    skipCRDs: boolean({ doc: "Deprecated: use crds: Skip." }),
    crds: crds('Create'),
    createNamespace: boolean({ doc: 'Create spec.targetNamespace if it does not exist. It is not deleted on uninstall.' }),
    serverSideApply: boolean({ doc: 'Install with server-side apply.' }),
  },
  { typeName: 'Install', typeDoc: 'How the release is installed.' },
);

const Upgrade = object(
  {
    timeout: actionTimeout('upgrade'),
    strategy: ref(Strategy, { doc: 'What to do when the upgrade fails.' }),
    remediation: object(
      {
        retries: integer({ doc: 'How many times to retry, remediating in between; 0 by default, negative for no limit.' }),
        ignoreTestFailures: boolean({ doc: 'Do not remediate when the tests after the upgrade fail; test.ignoreFailures when empty.' }),
        remediateLastFailure: boolean({ doc: 'Remediate the last failure too, when no retries are left. Defaults to true when retries > 0.' }),
        strategy: oneOf(['rollback', 'uninstall'], { doc: "How to remediate: 'rollback' (the default) or 'uninstall'." }),
      },
      { doc: 'How to remediate a failed upgrade.', typeName: 'UpgradeRemediation' },
    ),
    disableTakeOwnership: boolean({ doc: 'Do not adopt existing objects that the chart would create.' }),
    ...commonActionFlags('upgrade'),
    disableOpenAPIValidation: boolean({ doc: 'Do not validate the rendered manifests against the Kubernetes OpenAPI schema.' }),
    disableSchemaValidation: boolean({ doc: "Do not validate the values against the chart's values.schema.json." }),
    force: boolean({ doc: 'Replace resources that cannot be updated in place.' }),
    preserveValues: boolean({ doc: "Reuse the last release's values and merge spec.values over them. This makes the release non-declarative." }),
    cleanupOnFail: boolean({ doc: 'Delete the resources the upgrade created when it fails.' }),
    crds: crds('Skip'),
    serverSideApply: serverSideApplyMode('the upgrade'),
    chartNameChangeStrategy: oneOf(['Reinstall', 'InPlaceUpdate'], {
      doc: "What to do when the chart name changes: 'Reinstall' (the default) uninstalls and installs, 'InPlaceUpdate' upgrades.",
    }),
  },
  { typeName: 'Upgrade', typeDoc: 'How the release is upgraded.' },
);

const Test = object(
  {
    enable: boolean({ doc: 'Run the Helm tests after each install and upgrade.' }),
    timeout: actionTimeout('test'),
    ignoreFailures: boolean({ doc: 'Do not remediate when the tests fail.' }),
    filters: array(
      object(
        {
          name: string({ doc: 'Name of the test.', maxLength: 253, minLength: 1, required: true }),
          exclude: boolean({ doc: 'Skip this test instead of selecting it.' }),
        },
        { typeName: 'TestFilter', typeDoc: 'Selects or skips one Helm test.' },
      ),
      { doc: 'Which tests to run. When any test is selected, only selected tests run; excluded tests never run.' },
    ),
  },
  { typeName: 'Test', typeDoc: 'Whether and how the Helm tests run.' },
);

const Rollback = object(
  {
    timeout: actionTimeout('rollback'),
    ...commonActionFlags('rollback'),
    recreate: boolean({ doc: 'Deprecated and ignored.' }),
    force: boolean({ doc: 'Replace resources that cannot be updated in place.' }),
    cleanupOnFail: boolean({ doc: 'Delete the resources the rollback created when it fails.' }),
    serverSideApply: serverSideApplyMode('the rollback'),
  },
  { typeName: 'Rollback', typeDoc: 'How a failed upgrade is rolled back.' },
);

const Uninstall = object(
  {
    timeout: actionTimeout('uninstall'),
    disableHooks: boolean({ doc: 'Do not run hooks during the uninstall.' }),
    keepHistory: boolean({ doc: 'Keep the release history, marking the release uninstalled.' }),
    disableWait: boolean({ doc: 'Do not wait for the resources to be deleted.' }),
    deletionPropagation: oneOf(['background', 'foreground', 'orphan'], {
      doc: 'The propagation policy of the deletes.',
      default: 'background',
    }),
  },
  { typeName: 'Uninstall', typeDoc: 'How the release is uninstalled.' },
);

const ValuesReference = object(
  {
    kind: oneOf(['Secret', 'ConfigMap'], { doc: 'Kind of the object holding the values.', required: true }),
    name: string({ doc: 'Name of the object, in the same namespace as the HelmRelease.', maxLength: 253, minLength: 1, required: true }),
    valuesKey: string({ doc: "The data key holding the values; 'values.yaml' when empty.", maxLength: 253, pattern: '^[\\-._a-zA-Z0-9]+$' }),
    targetPath: string({
      doc: 'Set the whole data value at this path (--set syntax) instead of merging it as a values document.',
      maxLength: 250,
      pattern: '^([a-zA-Z0-9_\\-.\\\\\\/]|\\[[0-9]{1,5}\\])+$',
    }),
    optional: boolean({ doc: 'Skip this entry when the object or the key does not exist.' }),
    literal: boolean({ doc: 'With targetPath, use the value verbatim instead of parsing it (--set-literal).' }),
  },
  { typeName: 'ValuesReference', typeDoc: 'A ConfigMap or Secret holding values for the release.' },
);

const DriftDetection = object(
  {
    mode: oneOf(['enabled', 'warn', 'disabled'], {
      doc: "'enabled' corrects drift, 'warn' only reports it, 'disabled' (the default) does not look for it.",
    }),
    ignore: array(ignoreRule('release'), { doc: 'Fields whose changes are not drift.' }),
  },
  { typeName: 'DriftDetection', typeDoc: 'Whether the cluster is compared with the stored release manifest, and what to ignore.' },
);

const PostRenderer = object(
  {
    kustomize: object({ patches, images }, { doc: 'Patch the rendered manifests with kustomize.', typeName: 'KustomizePostRenderer' }),
  },
  { typeName: 'PostRenderer', typeDoc: 'A step that changes the rendered manifests before they are applied.' },
);

const spec = object(
  {
    chart: ref(HelmChartTemplate, { doc: 'The HelmChart to generate for this release. Exactly one of chart and chartRef is set.' }),
    chartRef: ref(ChartRef, { doc: 'An existing OCIRepository, HelmChart or ExternalArtifact holding the chart.' }),
    interval: duration({ doc: 'How often the release is reconciled. The controller adds a little jitter.', required: true }),
    kubeConfig: ref(KubeConfigReference, { doc: 'Install into a remote cluster. With serviceAccountName, act as that ServiceAccount there.' }),
    suspend: boolean({ doc: 'Stops the controller from reconciling this HelmRelease; a reconcile already running finishes.' }),
    releaseName: string({ doc: "The Helm release name; '[targetNamespace-]name' when empty. Longer than 53 characters is shortened.", maxLength: 53, minLength: 1 }),
    targetNamespace: string({ doc: "The namespace the release is installed into; the HelmRelease's namespace when empty.", maxLength: 63, minLength: 1 }),
    storageNamespace: string({ doc: "The namespace of the Helm storage Secrets; the HelmRelease's namespace when empty.", maxLength: 63, minLength: 1 }),
    dependsOn: array(DependencyReference, { doc: 'HelmReleases that must be ready before this one is reconciled.' }),
    timeout: duration({ doc: 'How long to wait for each Kubernetes operation of a Helm action, such as hook Jobs. Defaults to 5m0s.' }),
    maxHistory: integer({ doc: 'How many release revisions Helm keeps; 5 when empty, 0 for no limit.' }),
    serviceAccountName: string({ doc: 'The ServiceAccount to impersonate.', maxLength: 253, minLength: 1 }),
    persistentClient: boolean({ doc: 'Reuse one Kubernetes client for all the steps of a reconcile. Defaults to true.' }),
    driftDetection: ref(DriftDetection, { doc: 'Compare the cluster with the release manifest and handle differences.' }),
    install: ref(Install, { doc: 'How the release is installed.' }),
    upgrade: ref(Upgrade, { doc: 'How the release is upgraded.' }),
    test: ref(Test, { doc: 'Whether and how the Helm tests run.' }),
    rollback: ref(Rollback, { doc: 'How a failed upgrade is rolled back.' }),
    uninstall: ref(Uninstall, { doc: 'How the release is uninstalled.' }),
    valuesFrom: array(ValuesReference, { doc: 'ConfigMaps and Secrets with values, merged in order; spec.values is merged last.' }),
    values: json({ doc: 'Values for the release, merged over the chart defaults.', tsType: 'Record<string, unknown>' }),
    commonMetadata: ref(commonMetadata, { doc: 'Labels and annotations set on every rendered object.' }),
    postRenderers: array(PostRenderer, { doc: 'Post-renderers, applied in order.' }),
    postRenderStrategy: oneOf(['nohooks', 'combined', 'separate'], {
      doc: "Which manifests the post-renderers see: 'combined' (the default) the manifests and hooks together, 'separate'\neach on its own, 'nohooks' only the manifests, as Helm 3 does.",
    }),
    waitStrategy: object(
      { name: oneOf(['poller', 'legacy'], { doc: "'poller' (the default) waits with kstatus, 'legacy' as Helm 3 does.", required: true }) },
      { doc: 'How the controller waits for resources to become ready.', typeName: 'WaitStrategy' },
    ),
    healthCheckExprs: array(customHealthCheck(true), { doc: 'CEL expressions for the health of custom resources, used by the poller wait.' }),
  },
  {
    typeDoc: 'Which chart to install, with which values, and how.',
    validations: [
      {
        rule: '(has(self.chart) && !has(self.chartRef)) || (!has(self.chart) && has(self.chartRef))',
        message: 'either chart or chartRef must be set',
      },
    ],
  },
);

const Snapshot = object(
  {
    apiVersion: string({ doc: "The version of the digest algorithm; snapshots of another version skip digest checks." }),
    digest: string({ doc: "Digest of the release, 'sha256:<hex>'.", required: true }),
    name: string({ doc: 'Name of the release.', required: true }),
    namespace: string({ doc: 'Namespace of the release.', required: true }),
    version: integer({ doc: 'Version (revision) of the release.', required: true }),
    status: string({ doc: 'Helm status of the release.', required: true }),
    action: oneOf(['install', 'upgrade', 'rollback', 'uninstall', 'uninstall-remediation'], { doc: 'The action that made this release.' }),
    chartName: string({ doc: 'Name of the chart.', required: true }),
    chartVersion: string({ doc: 'Version of the chart, with build metadata for OCI digests.', required: true }),
    appVersion: string({ doc: 'App version of the chart.' }),
    configDigest: string({ doc: 'Digest of the values of the release.', required: true }),
    firstDeployed: string({ doc: 'When the release was first deployed.', format: 'date-time', required: true }),
    lastDeployed: string({ doc: 'When the release was last deployed.', format: 'date-time', required: true }),
    deleted: string({ doc: 'When the release was uninstalled.', format: 'date-time' }),
    testHooks: map(
      object(
        {
          lastStarted: string({ doc: 'When the test last started.', format: 'date-time' }),
          lastCompleted: string({ doc: 'When the test last completed.', format: 'date-time' }),
          phase: string({ doc: 'Phase of the test.' }),
        },
        { typeName: 'TestHookStatus', typeDoc: 'The state of one Helm test hook.' },
      ),
      { doc: 'The test hooks of the release, by name.' },
    ),
    ociDigest: string({ doc: 'Digest of the OCI artifact the chart came from.' }),
  },
  { typeName: 'Snapshot', typeDoc: 'One Helm release the controller made.' },
);

const status = object(
  {
    observedGeneration,
    observedPostRenderersDigest: string({ doc: 'Digest of spec.postRenderers at the last successful reconcile.' }),
    observedCommonMetadataDigest: string({ doc: 'Digest of spec.commonMetadata at the last successful reconcile.' }),
    lastAttemptedGeneration: integer({ doc: 'The generation of the last reconcile attempt.', format: 'int64' }),
    conditions,
    helmChart: string({ doc: "The generated HelmChart, '<namespace>/<name>'." }),
    storageNamespace: string({ doc: 'The namespace of the Helm storage of the current release.', maxLength: 63, minLength: 1 }),
    history: array(Snapshot, { doc: 'The releases up to the last successful one, newest first.' }),
    lastAttemptedReleaseAction: oneOf(['install', 'upgrade'], { doc: 'The last release action; it picks the active remediation.' }),
    lastAttemptedReleaseActionDuration: string({ doc: 'How long the last release action took.' }),
    failures: integer({ doc: 'Failures of any kind against the current desired state.', format: 'int64' }),
    installFailures: integer({ doc: 'Install failures against the current desired state.', format: 'int64' }),
    upgradeFailures: integer({ doc: 'Upgrade failures against the current desired state.', format: 'int64' }),
    lastAttemptedRevision: string({ doc: 'The chart version of the last reconcile attempt.' }),
    lastAttemptedRevisionDigest: string({ doc: 'The OCI digest of the last reconcile attempt.' }),
    lastAttemptedValuesChecksum: string({ doc: 'Deprecated: always empty; see lastAttemptedConfigDigest.' }),
    lastReleaseRevision: integer({ doc: 'Deprecated: always 0; see history.' }),
    lastAttemptedConfigDigest: string({ doc: 'Digest of the values of the last reconcile attempt.' }),
    lastHandledForceAt: string({ doc: "The last 'reconcile.fluxcd.io/forceAt' value acted on." }),
    lastHandledResetAt: string({ doc: "The last 'reconcile.fluxcd.io/resetAt' value acted on." }),
    ...reconcileRequestStatus,
    inventory: ref(ResourceInventory, { doc: 'The objects of the current release, chart CRDs included and hooks excluded.' }),
  },
  { typeDoc: 'What the controller last observed of a HelmRelease.' },
);

export const HelmReleaseKind = defineKind({
  group: 'helm.toolkit.fluxcd.io',
  kind: 'HelmRelease',
  plural: 'helmreleases',
  shortNames: ['hr'],
  categories: ['all', 'fluxcd', 'fluxcd-appliers'],
  versions: [
    {
      name: 'v2',
      served: true,
      storage: true,
      doc: 'A HelmRelease installs a Helm chart into the cluster and keeps the release in the declared state.',
      spec,
      status,
      statusDefault,
      printerColumns: readinessColumns,
    },
  ],
});
