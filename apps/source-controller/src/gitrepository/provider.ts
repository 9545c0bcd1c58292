// spec.provider: Conflux authenticates with secretRef only ('generic'). The cloud and GitHub App
// providers need token exchanges that are not built yet; an object asking for one stalls with a
// message that says so and how to get going, instead of fetching anonymously and failing obscurely.
import { ConditionType, type GitRepositorySpec, SourceReason } from '@conflux/api';
import type { StepContext, StepResult } from './context.ts';
import { fail } from './failure.ts';

type Provider = NonNullable<GitRepositorySpec['provider']>;

const unsupported: Partial<Record<Provider, string>> = {
  aws: 'AWS CodeCommit credentials from workload identity',
  azure: 'Azure DevOps credentials from workload identity',
  github: 'GitHub App authentication',
};

/** The message for a provider Conflux cannot use yet; undefined for 'generic' (or unset). */
export function unsupportedProviderMessage(provider: GitRepositorySpec['provider']): string | undefined {
  const what = provider ? unsupported[provider] : undefined;
  if (!what) return undefined;
  return `provider '${provider}' is not supported yet (${what}); use provider 'generic' with a secretRef holding 'username' and 'password' or a 'bearerToken'`;
}

/** Runs before reconcileSource; retrying cannot help, so the object stalls until its spec changes. */
export function checkProvider(ctx: StepContext): StepResult {
  const message = unsupportedProviderMessage(ctx.object.spec.provider);
  if (!message) return 'continue';
  return fail(ctx, ConditionType.FetchFailed, SourceReason.GitOperationFailed, message, true);
}
