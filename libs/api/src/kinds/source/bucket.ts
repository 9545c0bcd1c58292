import { boolean, object, oneOf, ref, string } from '../../schema/dsl.ts';
import { Artifact, conditions, LocalObjectReference, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { readinessColumns, specColumn } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { certSecretRef, ignore, interval, proxySecretRef, sourceCategories, sourceGroup, suspendField, timeout } from './common.ts';

const BucketSTSSpec = object(
  {
    provider: oneOf(['aws', 'ldap'], { doc: 'The Security Token Service to use.', required: true }),
    endpoint: string({ doc: 'The HTTP or HTTPS address of the Security Token Service.', pattern: '^(http|https)://.*$', required: true }),
    secretRef: ref(LocalObjectReference, { doc: "A Secret with 'username' and 'password' for the service ('ldap' only)." }),
    certSecretRef: certSecretRef("Security Token Service ('ldap' only)"),
  },
  { typeName: 'BucketSTSSpec', typeDoc: 'A Security Token Service that hands out temporary credentials for the bucket.' },
);

const spec = object(
  {
    provider: oneOf(['generic', 'aws', 'gcp', 'azure'], {
      doc: "The object store: 'generic' for any S3-compatible API, or a cloud provider's own.",
      default: 'generic',
    }),
    bucketName: string({ doc: 'Name of the bucket.', required: true }),
    endpoint: string({ doc: 'The object store address, host[:port] without a scheme.', required: true }),
    sts: ref(BucketSTSSpec, { doc: "Fetch temporary credentials from a Security Token Service ('aws' and 'generic' only)." }),
    insecure: boolean({ doc: 'Connect over plain HTTP.' }),
    region: string({ doc: 'Region of the bucket.' }),
    prefix: string({ doc: 'Only list objects under this prefix, filtered by the server.' }),
    secretRef: ref(LocalObjectReference, {
      doc: "A Secret with credentials: 'accesskey' and 'secretkey' for S3, 'serviceaccount' for GCP, or the Azure keys.",
    }),
    serviceAccountName: string({ doc: "A ServiceAccount whose workload identity authenticates to the bucket (not 'generic')." }),
    certSecretRef: certSecretRef("object store ('generic' only)"),
    proxySecretRef: proxySecretRef('object store'),
    interval: interval('bucket'),
    timeout: timeout('listing and fetching objects'),
    ignore: ignore(),
    suspend: suspendField('Bucket'),
  },
  {
    typeDoc: 'Which bucket to turn into an artifact and how to reach it.',
    validations: [
      {
        rule: "self.provider == 'aws' || self.provider == 'generic' || !has(self.sts)",
        message: "STS configuration is only supported for the 'aws' and 'generic' Bucket providers",
      },
      {
        rule: "self.provider != 'aws' || !has(self.sts) || self.sts.provider == 'aws'",
        message: "'aws' is the only supported STS provider for the 'aws' Bucket provider",
      },
      {
        rule: "self.provider != 'generic' || !has(self.sts) || self.sts.provider == 'ldap'",
        message: "'ldap' is the only supported STS provider for the 'generic' Bucket provider",
      },
      {
        rule: "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.secretRef)",
        message: "spec.sts.secretRef is not required for the 'aws' STS provider",
      },
      {
        rule: "!has(self.sts) || self.sts.provider != 'aws' || !has(self.sts.certSecretRef)",
        message: "spec.sts.certSecretRef is not required for the 'aws' STS provider",
      },
      {
        rule: "self.provider != 'generic' || !has(self.serviceAccountName)",
        message: "ServiceAccountName is not supported for the 'generic' Bucket provider",
      },
      { rule: '!has(self.secretRef) || !has(self.serviceAccountName)', message: 'cannot set both .spec.secretRef and .spec.serviceAccountName' },
    ],
  },
);

const status = object(
  {
    observedGeneration,
    conditions,
    url: string({ doc: 'An address that always serves the latest artifact; prefer status.artifact.' }),
    artifact: ref(Artifact, { doc: 'The artifact of the last successful reconcile.' }),
    observedIgnore: string({ doc: 'The spec.ignore the current artifact was built with.' }),
    ...reconcileRequestStatus,
  },
  { typeDoc: 'What the controller last observed of a Bucket.' },
);

export const BucketKind = defineKind({
  group: sourceGroup,
  kind: 'Bucket',
  plural: 'buckets',
  shortNames: [],
  categories: sourceCategories,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: 'A Bucket turns the objects of an S3-compatible, GCS or Azure bucket into an artifact.',
      spec,
      status,
      statusDefault,
      printerColumns: [specColumn('Endpoint', '.spec.endpoint'), ...readinessColumns],
    },
  ],
});
