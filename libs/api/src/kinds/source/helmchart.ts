import { array, boolean, object, oneOf, ref, string } from '../../schema/dsl.ts';
import { Artifact, conditions, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { readinessColumns, specColumn } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { AccessFrom, interval, OCIRepositoryVerification, sourceCategories, sourceGroup, suspendField } from './common.ts';

const LocalHelmChartSourceReference = object(
  {
    apiVersion: string({ doc: 'API version of the source.' }),
    kind: oneOf(['HelmRepository', 'GitRepository', 'Bucket'], { doc: 'Kind of the source.', required: true }),
    name: string({ doc: 'Name of the source, in the same namespace.', required: true }),
  },
  { typeName: 'LocalHelmChartSourceReference', typeDoc: 'The source a chart is taken from, in the same namespace.' },
);

const spec = object(
  {
    chart: string({ doc: 'The chart name in a HelmRepository, or the chart directory in a GitRepository or Bucket.', required: true }),
    version: string({ doc: "A semver range for the chart version; ignored for Git and Bucket sources. Defaults to '*', the latest.", default: '*' }),
    sourceRef: ref(LocalHelmChartSourceReference, { doc: 'The source the chart is taken from.', required: true }),
    interval: interval('source'),
    reconcileStrategy: oneOf(['ChartVersion', 'Revision'], {
      doc: "When to build a new artifact: 'ChartVersion' when the chart version changes, 'Revision' when the source revision changes.",
      default: 'ChartVersion',
    }),
    valuesFiles: array(string(), {
      doc: 'Values files in the source to merge, in order, into the packaged chart; the last wins. values.yaml is not\nincluded unless listed.',
    }),
    valuesFile: string({ doc: 'Deprecated: use valuesFiles. Merged before them.' }),
    ignoreMissingValuesFiles: boolean({ doc: 'Skip values files that do not exist instead of failing.' }),
    suspend: suspendField('HelmChart'),
    accessFrom: ref(AccessFrom, { doc: 'Namespaces allowed to refer to this chart. Provisional: not enforced.' }),
    verify: ref(OCIRepositoryVerification, {
      doc: 'Verify the signature of a chart pulled from an OCI HelmRepository. Dependencies not bundled in the chart are not verified.',
    }),
  },
  {
    typeDoc: 'Which chart to take from which source.',
    validations: [
      {
        rule: "!has(self.verify) || self.sourceRef.kind == 'HelmRepository'",
        message: "spec.verify is only supported when spec.sourceRef.kind is 'HelmRepository'",
      },
    ],
  },
);

const status = object(
  {
    observedGeneration,
    observedSourceArtifactRevision: string({ doc: 'The source revision the current artifact was built from.' }),
    observedChartName: string({ doc: 'The chart name the current artifact was resolved from.' }),
    observedValuesFiles: array(string(), { doc: 'The values files merged into the current artifact.' }),
    conditions,
    url: string({ doc: 'An address that always serves the latest chart; prefer status.artifact.' }),
    artifact: ref(Artifact, { doc: 'The packaged chart of the last successful reconcile.' }),
    ...reconcileRequestStatus,
  },
  { typeDoc: 'What the controller last observed of a HelmChart.' },
);

export const HelmChartKind = defineKind({
  group: sourceGroup,
  kind: 'HelmChart',
  plural: 'helmcharts',
  shortNames: ['hc'],
  categories: sourceCategories,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: 'A HelmChart pulls or packages a chart from a source and serves it as an artifact for HelmReleases.',
      spec,
      status,
      statusDefault,
      printerColumns: [
        specColumn('Chart', '.spec.chart'),
        specColumn('Version', '.spec.version'),
        specColumn('Source Kind', '.spec.sourceRef.kind'),
        specColumn('Source Name', '.spec.sourceRef.name'),
        ...readinessColumns,
      ],
    },
  ],
});
