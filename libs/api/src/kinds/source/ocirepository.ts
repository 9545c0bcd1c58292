import { object, oneOf, ref, string, boolean } from '../../schema/dsl.ts';
import { Artifact, conditions, LocalObjectReference, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { ageColumn, readyColumn, specColumn, statusColumn } from '../columns.ts';
import { defineKind } from '../kind.ts';
import {
  certSecretRef,
  ignore,
  interval,
  OCIRepositoryVerification,
  proxySecretRef,
  sourceCategories,
  sourceGroup,
  suspendField,
  timeout,
} from './common.ts';

const OCIRepositoryRef = object(
  {
    digest: string({ doc: "A manifest digest to pull, 'sha256:<hex>'; wins over semver and tag." }),
    semver: string({ doc: 'A semver range; the highest matching tag is pulled. Wins over tag.' }),
    semverFilter: string({ doc: 'A regular expression the tags must also match before the semver range is applied.' }),
    tag: string({ doc: "A tag to pull; 'latest' when nothing else is set." }),
  },
  { typeName: 'OCIRepositoryRef', typeDoc: 'The OCI reference to pull and follow.' },
);

const OCILayerSelector = object(
  {
    mediaType: string({ doc: 'The media type of the layer to use; the first matching layer is taken.' }),
    operation: oneOf(['extract', 'copy'], {
      doc: "'extract' unpacks the layer into the artifact (the default); 'copy' stores the compressed layer as it is.",
    }),
  },
  { typeName: 'OCILayerSelector', typeDoc: 'Which layer of the OCI artifact becomes the source artifact.' },
);

const spec = object(
  {
    url: string({ doc: "The OCI repository address, 'oci://<registry>/<repository>', without a tag or digest.", pattern: '^oci://.*$', required: true }),
    ref: ref(OCIRepositoryRef, { doc: "The OCI reference to follow; the 'latest' tag when empty." }),
    layerSelector: ref(OCILayerSelector, { doc: 'Which layer to use; the first layer when empty.' }),
    provider: oneOf(['generic', 'aws', 'azure', 'gcp'], {
      doc: "How to authenticate: 'generic' uses secretRef or the ServiceAccount's pull secrets; the others use the cloud's identity.",
      default: 'generic',
    }),
    secretRef: ref(LocalObjectReference, { doc: 'A kubernetes.io/dockerconfigjson Secret with registry credentials.' }),
    verify: ref(OCIRepositoryVerification, { doc: 'Verify the signature of the pulled artifact.' }),
    serviceAccountName: string({
      doc: "A ServiceAccount whose image pull secrets ('generic') or workload identity (cloud providers) authenticate the pull.",
    }),
    certSecretRef: certSecretRef('registry'),
    proxySecretRef: proxySecretRef('registry'),
    interval: interval('repository'),
    timeout: timeout('registry operations such as a pull'),
    ignore: ignore(),
    insecure: boolean({ doc: 'Allow a registry served over plain HTTP.' }),
    suspend: suspendField('OCIRepository'),
  },
  { typeDoc: 'Which OCI artifact to pull and how to reach it.' },
);

const status = object(
  {
    observedGeneration,
    conditions,
    url: string({ doc: 'An address that always serves the latest artifact; prefer status.artifact.' }),
    artifact: ref(Artifact, { doc: 'The artifact of the last successful reconcile.' }),
    observedIgnore: string({ doc: 'The spec.ignore the current artifact was built with.' }),
    observedLayerSelector: ref(OCILayerSelector, { doc: 'The spec.layerSelector the current artifact was built with.' }),
    ...reconcileRequestStatus,
  },
  { typeDoc: 'What the controller last observed of an OCIRepository.' },
);

export const OCIRepositoryKind = defineKind({
  group: sourceGroup,
  kind: 'OCIRepository',
  plural: 'ocirepositories',
  shortNames: ['ocirepo'],
  categories: sourceCategories,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: 'An OCIRepository follows an artifact in an OCI registry and turns each new digest into an artifact.',
      spec,
      status,
      statusDefault,
      printerColumns: [specColumn('URL', '.spec.url'), readyColumn, statusColumn, ageColumn],
    },
  ],
});
