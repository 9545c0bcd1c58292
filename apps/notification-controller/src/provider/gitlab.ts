// gitlab commit statuses (reference §2.5): the project is its URL-encoded path (or numeric ID), the status
// is named by the commit status ID, and PRIVATE-TOKEN authenticates.
import type { NotificationEvent } from '@conflux/bus';
import { commitHash, eventRevision, parseGitAddress, progressingReason, statusDescription } from './commit-status.ts';
import { type CommitStatusPlan, parseJSON } from './github.ts';
import type { NotificationRequest, Notifier, ProviderSettings } from './types.ts';

export const GitLabState = { success: 'success', failed: 'failed' } as const;

export function gitlabPlan(event: NotificationEvent): CommitStatusPlan | undefined {
  if (event.reason === progressingReason) return undefined;
  return { state: event.severity === 'error' ? GitLabState.failed : GitLabState.success, description: statusDescription(event.reason), sha: commitHash(eventRevision(event)) };
}

function headers(settings: ProviderSettings): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json' };
  const token = settings.token || settings.password;
  if (token) h['PRIVATE-TOKEN'] = token;
  return h;
}

export function gitlabRequests(plan: CommitStatusPlan, settings: ProviderSettings): { list: NotificationRequest; create: NotificationRequest } {
  const address = parseGitAddress(settings.address);
  const project = `${address.origin}/api/v4/projects/${encodeURIComponent(address.id)}`;
  return {
    list: { method: 'GET', url: `${project}/repository/commits/${plan.sha}/statuses?name=${encodeURIComponent(settings.commitStatus)}`, headers: headers(settings) },
    create: {
      method: 'POST',
      url: `${project}/statuses/${plan.sha}`,
      headers: { ...headers(settings), 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: plan.state, name: settings.commitStatus, description: plan.description }),
    },
  };
}

/** GitLab lists the statuses named like ours, newest first, and calls the state "status". */
export function gitlabAlreadyReported(statuses: unknown, plan: CommitStatusPlan): boolean {
  if (!Array.isArray(statuses) || statuses.length === 0) return false;
  const latest = statuses[0] as Record<string, unknown>;
  return latest['status'] === plan.state && latest['description'] === plan.description;
}

export const gitlab: Notifier = async (event, settings, send) => {
  const plan = gitlabPlan(event);
  if (!plan) return;
  const { list, create } = gitlabRequests(plan, settings);
  const existing = await send(list);
  if (gitlabAlreadyReported(parseJSON(existing.body), plan)) return;
  await send(create);
};
