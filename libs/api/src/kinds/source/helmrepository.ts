import { boolean, object, oneOf, ref, string } from '../../schema/dsl.ts';
import { Artifact, conditions, LocalObjectReference, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { readinessColumns, specColumn } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { AccessFrom, certSecretRef, interval, sourceCategories, sourceGroup, suspendField, timeout } from './common.ts';

const spec = object(
  {
    url: string({ doc: 'The repository address: http:// or https:// for an index, oci:// for a registry.', pattern: '^(http|https|oci)://.*$', required: true }),
    secretRef: ref(LocalObjectReference, {
      doc: "A Secret with 'username' and 'password'. The TLS keys 'certFile', 'keyFile' and 'caFile' still work but are\ndeprecated in favour of certSecretRef.",
    }),
    certSecretRef: { ...certSecretRef('repository'), doc: `${certSecretRef('repository').doc ?? ''}\nIt wins over TLS keys in secretRef.` },
    passCredentials: boolean({
      doc: 'Send the credentials to chart hosts other than the host of url. Only enable it for hosts you trust.',
    }),
    interval: { ...interval('index', false), doc: 'How often the index is fetched. Defaults to 1m. The controller adds a little jitter.' },
    insecure: boolean({ doc: "Allow a registry served over plain HTTP; only for type 'oci'." }),
    timeout: timeout('fetching the index, or pulling a chart from an OCI repository', false),
    suspend: suspendField('HelmRepository'),
    accessFrom: ref(AccessFrom, { doc: 'Namespaces allowed to refer to this repository. Provisional: not enforced.' }),
    type: oneOf(['default', 'oci'], { doc: "'default' for an HTTP index, 'oci' for an OCI registry (prefer OCIRepository for that)." }),
    provider: oneOf(['generic', 'aws', 'azure', 'gcp'], {
      doc: "How to authenticate to an OCI registry: 'generic' uses secretRef, the others the cloud's identity. Only for type 'oci'.",
      default: 'generic',
    }),
  },
  { typeDoc: 'Where a Helm repository lives and how to reach it.' },
);

const status = object(
  {
    observedGeneration,
    conditions,
    url: string({ doc: 'An address that always serves the latest index; prefer status.artifact.' }),
    artifact: ref(Artifact, { doc: 'The index of the last successful reconcile.' }),
    ...reconcileRequestStatus,
  },
  { typeDoc: 'What the controller last observed of a HelmRepository.' },
);

export const HelmRepositoryKind = defineKind({
  group: sourceGroup,
  kind: 'HelmRepository',
  plural: 'helmrepositories',
  shortNames: ['helmrepo'],
  categories: sourceCategories,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: "A HelmRepository fetches a Helm repository's index and serves it as an artifact for HelmCharts.",
      spec,
      status,
      statusDefault,
      printerColumns: [specColumn('URL', '.spec.url'), ...readinessColumns],
    },
  ],
});
