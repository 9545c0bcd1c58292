// github commit statuses (reference §2.5): github.com through api.github.com, any other host as GitHub
// Enterprise under /api/v3. A status identical to the newest one with the same context is not posted again.
import type { NotificationEvent } from '@conflux/bus';
import { commitHash, eventRevision, type GitAddress, ownerRepo, parseGitAddress, progressingReason, statusDescription } from './commit-status.ts';
import type { NotificationRequest, Notifier, ProviderSettings } from './types.ts';

export const GitHubState = { success: 'success', failure: 'failure' } as const;

export interface CommitStatusPlan {
  state: string;
  description: string;
  sha: string;
}

export function githubAPIBase(address: GitAddress): string {
  return address.host === 'github.com' ? 'https://api.github.com' : `${address.origin}/api/v3`;
}

/** The status to post, or undefined when this event is not reported (Progressing). */
export function githubPlan(event: NotificationEvent): CommitStatusPlan | undefined {
  if (event.reason === progressingReason) return undefined;
  return { state: event.severity === 'error' ? GitHubState.failure : GitHubState.success, description: statusDescription(event.reason), sha: commitHash(eventRevision(event)) };
}

function headers(settings: ProviderSettings): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/vnd.github.v3+json' };
  const token = settings.token || settings.password;
  if (token) h['Authorization'] = `Bearer ${token}`;
  return h;
}

export function githubRequests(plan: CommitStatusPlan, settings: ProviderSettings): { list: NotificationRequest; create: NotificationRequest } {
  const address = parseGitAddress(settings.address);
  const { owner, repo } = ownerRepo(address, 'github');
  const repoURL = `${githubAPIBase(address)}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  return {
    list: { method: 'GET', url: `${repoURL}/commits/${plan.sha}/statuses?per_page=50`, headers: headers(settings) },
    create: {
      method: 'POST',
      url: `${repoURL}/statuses/${plan.sha}`,
      headers: { ...headers(settings), 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: plan.state, description: plan.description, context: settings.commitStatus }),
    },
  };
}

/** Whether the newest status with this context already says the same thing. */
export function alreadyReported(statuses: unknown, context: string, plan: CommitStatusPlan, stateKey: 'state' | 'status' = 'state'): boolean {
  if (!Array.isArray(statuses)) return false;
  const latest = statuses.find((s: Record<string, unknown>) => s?.['context'] === context) as Record<string, unknown> | undefined;
  return latest !== undefined && latest[stateKey] === plan.state && latest['description'] === plan.description;
}

export const github: Notifier = async (event, settings, send) => {
  const plan = githubPlan(event);
  if (!plan) return;
  const { list, create } = githubRequests(plan, settings);
  const existing = await send(list);
  if (alreadyReported(parseJSON(existing.body), settings.commitStatus, plan)) return;
  await send(create);
};

export function parseJSON(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
