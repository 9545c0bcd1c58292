// reconcileSource: credentials, then the cheap "has the remote moved?" probe, then a checkout of the
// commit the ref designates (reference §2.1, §2.2, §2.5).
import { join } from 'node:path';
import { ConditionType, MetaReason, SourceReason } from '@conflux/api';
import { checkout, checkoutTarget, type ConnectOptions, decodeSecretData, type GitAuth, type GitRefSpec, authFromSecret, isGitError, parseRepositoryURL, type ProxyConfig, proxyFromSecret, remoteRevision, type SecretData } from '@conflux/git';
import { coreResources, type KubeObject, parseDuration, success } from '@conflux/runtime';
import { contentConfigChanged } from './config.ts';
import type { StepContext, StepResult } from './context.ts';
import { errorMessage, fail } from './failure.ts';
import { resolveIncludes } from './include.ts';
import { rememberCheckout, verificationRequired } from './verify.ts';

const defaultTimeout = '60s';

function fetchFailed(ctx: StepContext, err: unknown, prefix = ''): StepResult {
  if (isGitError(err)) return fail(ctx, ConditionType.FetchFailed, err.reason, `${prefix}${err.message}`, err.stalling);
  return fail(ctx, ConditionType.FetchFailed, SourceReason.GitOperationFailed, `${prefix}${errorMessage(err)}`);
}

async function secretData(ctx: StepContext, name: string): Promise<SecretData> {
  const namespace = ctx.object.metadata.namespace ?? '';
  const secret = await ctx.deps.client.get<KubeObject & { data?: Record<string, string> }>(coreResources.Secret, namespace, name);
  return decodeSecretData(secret.data);
}

/** Everything needed to talk to the remote, or a failure already recorded as FetchFailed. */
async function connectOptions(ctx: StepContext): Promise<ConnectOptions | StepResult> {
  const { spec } = ctx.object;
  const namespace = ctx.object.metadata.namespace ?? '';
  let auth: GitAuth = {};
  let proxy: ProxyConfig | undefined;
  let timeoutMs: number;
  try {
    parseRepositoryURL(spec.url);
    checkoutTarget(spec.ref as GitRefSpec | undefined);
    timeoutMs = parseDuration(spec.timeout ?? defaultTimeout);
  } catch (err) {
    if (isGitError(err)) return fetchFailed(ctx, err);
    return fail(ctx, ConditionType.FetchFailed, SourceReason.GitOperationFailed, `invalid spec.timeout: ${errorMessage(err)}`, true);
  }
  for (const [ref, use] of [
    [spec.secretRef?.name, (d: SecretData) => (auth = authFromSecret(d))],
    [spec.proxySecretRef?.name, (d: SecretData) => (proxy = proxyFromSecret(d))],
  ] as const) {
    if (!ref) continue;
    let data: SecretData;
    try {
      data = await secretData(ctx, ref);
    } catch (err) {
      return fail(ctx, ConditionType.FetchFailed, SourceReason.AuthenticationFailed, `failed to get secret '${namespace}/${ref}': ${errorMessage(err)}`);
    }
    try {
      use(data);
    } catch (err) {
      return fetchFailed(ctx, err);
    }
  }
  return { url: spec.url, auth, ...(proxy ? { proxy } : {}), timeoutMs, signal: ctx.request.signal };
}

function optimizable(ref: GitRefSpec | undefined): boolean {
  const kind = checkoutTarget(ref).kind;
  return kind === 'branch' || kind === 'tag' || kind === 'name';
}

export async function reconcileSource(ctx: StepContext): Promise<StepResult> {
  const { request, object, status } = ctx;
  const connect = await connectOptions(ctx);
  if (connect === 'continue' || 'outcome' in connect) return connect;
  const included = await resolveIncludes(ctx);
  if (included !== 'continue') return included;
  const ref = object.spec.ref as GitRefSpec | undefined;

  // Upstream's optimized clone: one GET of the ref advertisement, and no pack at all when the stored
  // artifact already holds the remote's revision and nothing that shapes its content has changed.
  const artifact = status.artifact;
  if (artifact && optimizable(ref) && !contentConfigChanged(object, ctx.includes ?? []) && !verificationRequired(object.spec, status)) {
    let remote;
    try {
      remote = await remoteRevision({ ...connect, ...(ref ? { ref } : {}) });
    } catch (err) {
      return fetchFailed(ctx, err, 'failed to checkout and determine revision: ');
    }
    if (remote && remote.revision === artifact.revision) {
      request.removeCondition(ConditionType.FetchFailed);
      request.event('Trace', SourceReason.GitOperationSucceeded, `no changes since last reconciliation: observed revision '${artifact.revision}'`);
      request.setCondition({ type: ConditionType.ArtifactInStorage, status: 'True', reason: MetaReason.Succeeded, message: `stored artifact for revision '${artifact.revision}'` });
      ctx.commit = { revision: artifact.revision, hash: remote.commit, subject: '' };
      return success();
    }
  }

  // The tree is only written to disk when something must be added to it (includes) or checked out into
  // it (submodules); otherwise it goes from the Git cache to the artifact through memory.
  const onDisk = (object.spec.recurseSubmodules ?? false) || (object.spec.include?.length ?? 0) > 0;
  const dir = onDisk ? join(await ctx.workDir(), 'source') : undefined;
  let result;
  try {
    result = await checkout({
      ...connect,
      ...(ref ? { ref } : {}),
      cacheDir: ctx.deps.gitCachePath,
      ...(dir ? { dir } : {}),
      recurseSubmodules: object.spec.recurseSubmodules ?? false,
      ...(object.spec.sparseCheckout?.length ? { sparseCheckout: object.spec.sparseCheckout } : {}),
      ...(object.spec.verify ? { rawObjects: true } : {}),
    });
  } catch (err) {
    return fetchFailed(ctx, err, 'failed to checkout and determine revision: ');
  }
  request.removeCondition(ConditionType.FetchFailed);
  ctx.commit = { revision: result.revision, hash: result.commit, subject: result.subject, ...(dir ? { dir } : {}), ...(result.tree ? { tree: result.tree } : {}) };
  rememberCheckout(ctx, result);
  if (artifact?.revision !== result.revision || contentConfigChanged(object, ctx.includes ?? [])) {
    const message = `new upstream revision '${result.revision}'`;
    request.setCondition({ type: ConditionType.ArtifactOutdated, status: 'True', reason: SourceReason.NewRevision, message });
    request.setCondition({ type: ConditionType.Reconciling, status: 'True', reason: MetaReason.Progressing, message: `building artifact: ${message}` });
  }
  return 'continue';
}
