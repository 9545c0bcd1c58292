import { array, boolean, object, oneOf, ref, string } from '../../schema/dsl.ts';
import { Artifact, conditions, LocalObjectReference, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { readinessColumns, specColumn } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { ignore, interval, proxySecretRef, sourceCategories, sourceGroup, suspendField, timeout } from './common.ts';

const GitRepositoryRef = object(
  {
    branch: string({ doc: "Branch to check out. 'master' when no other field is set." }),
    tag: string({ doc: 'Tag to check out; wins over branch.' }),
    semver: string({ doc: 'A semver range; the highest matching tag is checked out. Wins over branch.' }),
    name: string({
      doc: "A full Git reference, e.g. 'refs/heads/main', 'refs/tags/v1.0.0' or 'refs/pull/420/head'. Wins over\nbranch, tag and semver.",
    }),
    commit: string({
      doc: 'A commit SHA to check out; wins over everything else. Together with branch, only that branch is cloned\nand must contain the commit.',
    }),
  },
  { typeName: 'GitRepositoryRef', typeDoc: 'The Git reference to check out and follow.' },
);

const GitRepositoryVerification = object(
  {
    mode: oneOf(['head', 'HEAD', 'Tag', 'TagAndHEAD'], {
      doc: "What to verify: the commit HEAD points to ('HEAD'; 'head' is the old spelling), the tag object ('Tag'), or both.",
      default: 'HEAD',
    }),
    secretRef: ref(LocalObjectReference, {
      doc: "A Secret with the trusted keys: PGP keys under keys ending in '.asc', SSH keys under keys ending in '.sshpub'.",
      required: true,
    }),
  },
  { typeName: 'GitRepositoryVerification', typeDoc: 'How to verify the signatures of Git commits or tags.' },
);

const GitRepositoryInclude = object(
  {
    repository: ref(LocalObjectReference, { doc: 'The GitRepository whose artifact is copied in.', required: true }),
    fromPath: string({ doc: 'The directory of that artifact to copy; its root when empty.' }),
    toPath: string({ doc: "Where to put the copy in this artifact; the included repository's name when empty." }),
  },
  { typeName: 'GitRepositoryInclude', typeDoc: 'Another GitRepository whose artifact is copied into this one.' },
);

const spec = object(
  {
    url: string({ doc: 'The repository address: http://, https:// or ssh://. The scp-like form user@host:repo is not accepted.', pattern: '^(http|https|ssh)://.*$', required: true }),
    secretRef: ref(LocalObjectReference, {
      doc:
        "A Secret with credentials: 'username' and 'password' or 'bearerToken' for HTTPS; 'identity' and 'known_hosts'\n" +
        'for SSH; the githubApp* keys for the github provider.',
    }),
    provider: oneOf(['generic', 'aws', 'azure', 'github'], {
      doc: "How to authenticate: 'generic' uses secretRef; 'aws', 'azure' and 'github' use the cloud's identity or a GitHub App.\nDefaults to 'generic'.",
    }),
    serviceAccountName: string({ doc: "A ServiceAccount whose workload identity authenticates to the repository ('azure' and 'aws' only)." }),
    interval: interval('repository'),
    timeout: timeout('Git operations such as a clone'),
    ref: ref(GitRepositoryRef, { doc: "The Git reference to follow. The 'master' branch when empty." }),
    verify: ref(GitRepositoryVerification, { doc: 'Verify the signature of the checked-out commit or tag.' }),
    proxySecretRef: proxySecretRef('Git server'),
    ignore: ignore(),
    suspend: suspendField('GitRepository'),
    recurseSubmodules: boolean({ doc: 'Clone the submodules too, with their default settings.' }),
    include: array(GitRepositoryInclude, { doc: 'Other GitRepositories whose artifacts are copied into this one.' }),
    sparseCheckout: array(string(), { doc: 'Only check out these directories; each must exist.' }),
  },
  {
    typeDoc: 'Where a Git repository lives and which revision to turn into an artifact.',
    validations: [
      {
        rule: "!has(self.serviceAccountName) || (has(self.provider) && (self.provider == 'azure' || self.provider == 'aws'))",
        message: "serviceAccountName can only be set when provider is 'azure' or 'aws'",
      },
    ],
  },
);

const status = object(
  {
    observedGeneration,
    conditions,
    artifact: ref(Artifact, { doc: 'The artifact of the last successful reconcile.' }),
    includedArtifacts: array(Artifact, { doc: 'The artifacts of the includes, in the order of spec.include.' }),
    observedIgnore: string({ doc: 'The spec.ignore the current artifact was built with.' }),
    observedRecurseSubmodules: boolean({ doc: 'The spec.recurseSubmodules the current artifact was built with.' }),
    observedInclude: array(GitRepositoryInclude, { doc: 'The spec.include the current artifact was built with.' }),
    observedSparseCheckout: array(string(), { doc: 'The spec.sparseCheckout the current artifact was built with.' }),
    sourceVerificationMode: string({ doc: 'The verification mode the current artifact was verified with; empty when not verified.' }),
    ...reconcileRequestStatus,
  },
  { typeDoc: 'What the controller last observed of a GitRepository.' },
);

export const GitRepositoryKind = defineKind({
  group: sourceGroup,
  kind: 'GitRepository',
  plural: 'gitrepositories',
  shortNames: ['gitrepo'],
  categories: sourceCategories,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: 'A GitRepository follows a Git reference and turns each new revision into an artifact other controllers can fetch.',
      spec,
      status,
      statusDefault,
      printerColumns: [specColumn('URL', '.spec.url'), ...readinessColumns],
    },
  ],
});
