// spec.verify (reference §2.6): the checked-out commit, the tag it came from, or both, must carry a good
// signature from a key in the verification Secret before an artifact is built from them. SourceVerified
// is bi-polar: False makes Ready False with its reason (summary.ts), and the previous artifact stays.
import { ConditionType, type GitRepositorySpec, type GitRepositoryStatus, MetaReason, SourceReason } from '@conflux/api';
import { type CheckoutResult, decodeSecretData, type RawObjects, SignatureError, SignatureErrorCode, splitSignedCommit, splitSignedTag, trustedKeysFromSecret, type TrustedKeys, verifySignedObject } from '@conflux/git';
import { coreResources, findCondition, type KubeObject, ReconcileError, type ReconcileResult, stalled } from '@conflux/runtime';
import type { StepContext, StepResult } from './context.ts';
import { errorMessage } from './failure.ts';

/** The verification modes, as status.sourceVerificationMode records them. */
export const VerificationMode = {
  HEAD: 'HEAD',
  Tag: 'Tag',
  TagAndHEAD: 'TagAndHEAD',
} as const;
export type VerificationMode = (typeof VerificationMode)[keyof typeof VerificationMode];

/** The effective mode: unset and the old lowercase 'head' both mean HEAD, as upstream's GetMode. */
export function verificationMode(verify: GitRepositorySpec['verify']): VerificationMode | undefined {
  if (!verify) return undefined;
  return verify.mode === 'Tag' || verify.mode === 'TagAndHEAD' ? verify.mode : VerificationMode.HEAD;
}

const coversTag = (mode: VerificationMode) => mode === VerificationMode.Tag || mode === VerificationMode.TagAndHEAD;
const coversHEAD = (mode: VerificationMode) => mode === VerificationMode.HEAD || mode === VerificationMode.TagAndHEAD;

/**
 * Upstream's requiresVerification, which defeats the optimized clone: verification is on and the stored
 * artifact was never verified, or verified for a mode that misses part of what is asked now. Beyond
 * upstream, a missing SourceVerified also counts, so the condition never silently disappears while
 * spec.verify is set.
 */
export function verificationRequired(spec: GitRepositorySpec, status: GitRepositoryStatus): boolean {
  const mode = verificationMode(spec.verify);
  if (!mode) return false;
  const observed = status.sourceVerificationMode as VerificationMode | undefined;
  if (!observed) return true;
  if ((coversTag(mode) && !coversTag(observed)) || (coversHEAD(mode) && !coversHEAD(observed))) return true;
  return !findCondition(status.conditions, ConditionType.SourceVerified);
}

/**
 * Runs before reconcileSource. A failed verification is recomputed on every attempt, so its condition is
 * dropped (a success stays: it describes the stored artifact). Without spec.verify nothing is verified
 * any more, and the status stops saying otherwise.
 */
export function prepareVerification(ctx: StepContext): StepResult {
  const { request, status, object } = ctx;
  if (!object.spec.verify) {
    delete status.sourceVerificationMode;
    request.removeCondition(ConditionType.SourceVerified);
    return 'continue';
  }
  if (findCondition(status.conditions, ConditionType.SourceVerified)?.status === 'False') request.removeCondition(ConditionType.SourceVerified);
  return 'continue';
}

// What the checkout of this reconcile read for verification; kept beside the step context rather than in
// it, so that reconcileSource only has to hand it over.
const checkouts = new WeakMap<StepContext, { raw?: RawObjects; fullRef?: string }>();

/** Called by reconcileSource after a checkout made with `rawObjects`. */
export function rememberCheckout(ctx: StepContext, result: Pick<CheckoutResult, 'raw' | 'fullRef'>): void {
  checkouts.set(ctx, { ...(result.raw ? { raw: result.raw } : {}), ...(result.fullRef ? { fullRef: result.fullRef } : {}) });
}

function failVerification(ctx: StepContext, reason: string, message: string, stalling = false): ReconcileResult {
  ctx.request.setCondition({ type: ConditionType.SourceVerified, status: 'False', reason, message });
  if (stalling) return stalled(reason, message);
  throw new ReconcileError(reason, message);
}

async function trustedKeys(ctx: StepContext, name: string): Promise<TrustedKeys> {
  const namespace = ctx.object.metadata.namespace ?? '';
  const secret = await ctx.deps.client.get<KubeObject & { data?: Record<string, string> }>(coreResources.Secret, namespace, name);
  return trustedKeysFromSecret(decodeSecretData(secret.data));
}

const why = (err: unknown) => (err instanceof SignatureError && err.code === SignatureErrorCode.Unsigned ? 'no signature found' : errorMessage(err));

/** Verifies what the mode asks for, between reconcileSource and the artifact steps. */
export async function reconcileVerification(ctx: StepContext): Promise<StepResult> {
  const { object, request, status } = ctx;
  const mode = verificationMode(object.spec.verify);
  const commit = ctx.commit;
  // Nothing was checked out (the optimized clone found the stored artifact current): nothing to verify.
  if (!mode || !(commit?.dir || commit?.tree)) return 'continue';
  const secretName = object.spec.verify!.secretRef.name;
  let keys: TrustedKeys;
  try {
    keys = await trustedKeys(ctx, secretName);
  } catch (err) {
    return failVerification(ctx, SourceReason.VerificationError, `PGP public keys secret error: failed to get secret '${object.metadata.namespace}/${secretName}': ${errorMessage(err)}`);
  }
  const checkout = checkouts.get(ctx);
  if (!checkout?.raw) {
    return failVerification(ctx, SourceReason.VerificationError, `unable to read commit '${commit.hash}' for verification`);
  }
  const lines: string[] = [];

  if (coversTag(mode)) {
    if (!checkout.fullRef?.startsWith('refs/tags/')) {
      return failVerification(ctx, SourceReason.InvalidVerificationMode, "cannot verify tag object's signature if a tag reference is not specified", true);
    }
    const tag = checkout.raw.tag;
    const name = checkout.fullRef.slice('refs/tags/'.length);
    if (!tag) {
      // A lightweight tag has no object to sign; it can be replaced by a signed one, so this is retried.
      return failVerification(ctx, SourceReason.InvalidGitObject, `cannot verify signature of tag '${name}' since it is a lightweight tag, not a signed annotated tag`);
    }
    const label = `${tag.name}@sha1:${tag.oid}`;
    const signed = splitSignedTag(tag.object);
    if (signed.signature === undefined) {
      return failVerification(ctx, SourceReason.InvalidGitObject, `cannot verify signature of tag '${label}' since it is not signed`);
    }
    try {
      const { key } = await verifySignedObject(signed, keys);
      lines.push(`tag '${label}' with key '${key}'`);
    } catch (err) {
      return failVerification(ctx, SourceReason.InvalidTagSignature, `signature verification of tag '${label}' failed: ${why(err)}`);
    }
  }

  if (coversHEAD(mode)) {
    try {
      const { key } = await verifySignedObject(splitSignedCommit(checkout.raw.commit), keys);
      lines.push(`commit '${commit.hash}' with key '${key}'`);
    } catch (err) {
      return failVerification(ctx, SourceReason.InvalidCommitSignature, `signature verification of commit '${commit.hash}' failed: ${why(err)}`);
    }
  }

  const message = `verified signature of\n${lines.map((l) => `\t- ${l}`).join('\n')}`;
  status.sourceVerificationMode = mode;
  request.setCondition({ type: ConditionType.SourceVerified, status: 'True', reason: MetaReason.Succeeded, message });
  request.event('Trace', MetaReason.Succeeded, message);
  return 'continue';
}
