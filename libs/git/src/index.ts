// The public door of @conflux/git: Git over HTTP(S) for source-controller.
export { type GitAuth, authFromSecret, decodeSecretData, type SecretData, type TLSMaterial } from './auth.ts';
export { cacheDirFor, dropCache } from './cache.ts';
export { checkout, type CheckoutOptions, type CheckoutResult, type SubmoduleCheckout } from './checkout.ts';
export { type TreeFile, type TreeFiles } from './tree.ts';
export { GitError, GitErrorCode, isGitError } from './errors.ts';
export { type ProxyConfig, proxyFromSecret } from './proxy.ts';
export type { RawObjects } from './raw-objects.ts';
export {
  type CheckoutTarget,
  checkoutTarget,
  defaultBranch,
  describeTarget,
  formatRevision,
  type GitRefSpec,
  normalizeRevision,
  type ParsedRevision,
  parseRevision,
  shortRefName,
} from './ref.ts';
export { remoteRevision, type RemoteRevision, type RemoteRevisionOptions } from './remote.ts';
export { compareSemVer, parseSemVer, parseSemVerRange, type SemVer, type SemVerRange } from './semver.ts';
export { type ConnectOptions, defaultTimeoutMs } from './session.ts';
export { SignatureFormat, type SignedObject, signatureFormat, splitSignedCommit, splitSignedTag } from './signature.ts';
export { parseAuthorizedKeys, type SSHPublicKey, sshFingerprint } from './sshsig.ts';
export { parseRepositoryURL, redactURL, type RepositoryURL } from './url.ts';
export {
  SignatureError,
  SignatureErrorCode,
  type TrustedKeys,
  trustedKeysFromSecret,
  type VerifiedSignature,
  verifySignedObject,
} from './verify.ts';
