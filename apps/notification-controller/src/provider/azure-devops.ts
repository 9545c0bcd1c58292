// azuredevops commit statuses (reference §2.5): the repository is `https://<host>/<org>/<project>/_git/<repo>`,
// the status context is the genre `fluxcd` (with the Alert's summary, when there is one) and the status ID
// as its name, and a personal access token authenticates as Basic auth with an empty user name.
import { EventMetadataKey } from '@conflux/api';
import type { NotificationEvent } from '@conflux/bus';
import { commitHash, eventRevision, parseGitAddress, progressingReason, statusDescription } from './commit-status.ts';
import { basicAuth } from './format.ts';
import { type CommitStatusPlan, parseJSON } from './github.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export const AzureDevOpsState = { succeeded: 'succeeded', error: 'error' } as const;

// The azure-devops-go-api client asks for this version in its Accept header *(inferred from the SDK)*.
export const azureDevOpsAPIVersion = '6.0-preview.1';
const genre = 'fluxcd';

export function azureDevOpsPlan(event: NotificationEvent): CommitStatusPlan | undefined {
  if (event.reason === progressingReason) return undefined;
  return { state: event.severity === 'error' ? AzureDevOpsState.error : AzureDevOpsState.succeeded, description: statusDescription(event.reason), sha: commitHash(eventRevision(event)) };
}

export function statusGenre(event: NotificationEvent): string {
  const summary = event.metadata?.[EventMetadataKey.summary];
  return summary ? `${genre}:${summary}` : genre;
}

export function azureDevOpsRequests(plan: CommitStatusPlan, event: NotificationEvent, settings: ProviderSettings): { list: NotificationRequest; create: NotificationRequest } {
  if (!settings.token) throw new NotificationError('the azuredevops provider needs a personal access token in its Secret (workload identity is not supported by Conflux yet)');
  const address = parseGitAddress(settings.address);
  const parts = address.id.split('/');
  if (parts.length !== 4 || parts[2] !== '_git') throw new NotificationError(`invalid repository id "${address.id}" for azuredevops: expected <org>/<project>/_git/<repo>`);
  const [org, project, , repo] = parts.map(encodeURIComponent) as [string, string, string, string];
  const url = `${address.origin}/${org}/${project}/_apis/git/repositories/${repo}/commits/${plan.sha}/statuses`;
  const headers = { Accept: `application/json;api-version=${azureDevOpsAPIVersion}`, Authorization: basicAuth('', settings.token) };
  const body = { context: { genre: statusGenre(event), name: settings.commitStatus }, description: plan.description, state: plan.state };
  return {
    list: { method: 'GET', url, headers },
    create: { method: 'POST', url, headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  };
}

/** Whether the newest status with our context (genre and name) already says the same. */
export function azureDevOpsAlreadyReported(answer: unknown, plan: CommitStatusPlan, event: NotificationEvent, commitStatus: string): boolean {
  const statuses = (answer as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(statuses)) return false;
  const latest = statuses.find((s: { context?: { genre?: string; name?: string } }) => s?.context?.name === commitStatus && s.context.genre === statusGenre(event)) as Record<string, unknown> | undefined;
  return latest !== undefined && latest['state'] === plan.state && latest['description'] === plan.description;
}

export const azuredevops: Notifier = async (event, settings, send) => {
  const plan = azureDevOpsPlan(event);
  if (!plan) return;
  const { list, create } = azureDevOpsRequests(plan, event, settings);
  const existing = await send(list);
  if (azureDevOpsAlreadyReported(parseJSON(existing.body), plan, event, settings.commitStatus)) return;
  await send(create);
};
