// kustomize-controller's own flags, beside the runtime's shared ones (--concurrent, --requeue-dependency,
// ...). Names and defaults are upstream's (reference §1.4), so Flux Deployments' `args:` keep working.
import type { FlagSpecs } from '@conflux/runtime';

export const kustomizeFlagSpecs = {
  defaultServiceAccount: {
    flag: 'default-service-account',
    type: 'string',
    default: '',
    usage: 'The ServiceAccount to impersonate when a Kustomization does not name one; empty applies as the controller.',
  },
  httpRetry: {
    flag: 'http-retry',
    type: 'int',
    default: 9,
    min: 0,
    usage: 'How many times an artifact download is retried after a network error or a 5xx answer.',
  },
  noCrossNamespaceRefs: {
    flag: 'no-cross-namespace-refs',
    type: 'bool',
    default: false,
    usage: 'Refuse sources and dependencies in another namespace than the Kustomization.',
  },
  noRemoteBases: {
    flag: 'no-remote-bases',
    type: 'bool',
    default: false,
    usage: 'Refuse remote bases in kustomization files; Conflux never fetches them, so this only documents the default.',
  },
  sopsAgeSecret: {
    flag: 'sops-age-secret',
    type: 'string',
    default: '',
    usage: "A Secret in the controller's namespace whose '*.agekey' entries decrypt SOPS documents of Kustomizations that set decryption without a secretRef.",
  },
  featureGates: {
    flag: 'feature-gates',
    type: 'string',
    default: '',
    usage: 'Comma-separated Gate=true|false pairs: StrictPostBuildSubstitutions (default true), CancelHealthCheckOnNewRevision (default true in Conflux).',
  },
} satisfies FlagSpecs;
