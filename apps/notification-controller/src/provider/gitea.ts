// gitea commit statuses (reference §2.5). Unlike the other hosts, Progressing is reported, as pending.
import type { NotificationEvent } from '@conflux/bus';
import { commitHash, eventRevision, ownerRepo, parseGitAddress, progressingReason, statusDescription } from './commit-status.ts';
import { alreadyReported, type CommitStatusPlan, parseJSON } from './github.ts';
import type { NotificationRequest, Notifier, ProviderSettings } from './types.ts';

export const GiteaState = { success: 'success', failure: 'failure', pending: 'pending' } as const;

export function giteaPlan(event: NotificationEvent): CommitStatusPlan {
  const state = event.reason === progressingReason ? GiteaState.pending : event.severity === 'error' ? GiteaState.failure : GiteaState.success;
  return { state, description: statusDescription(event.reason), sha: commitHash(eventRevision(event)) };
}

function headers(settings: ProviderSettings): Record<string, string> {
  const h: Record<string, string> = { Accept: 'application/json' };
  const token = settings.token || settings.password;
  if (token) h['Authorization'] = `token ${token}`;
  return h;
}

export function giteaRequests(plan: CommitStatusPlan, settings: ProviderSettings): { list: NotificationRequest; create: NotificationRequest } {
  const address = parseGitAddress(settings.address);
  const { owner, repo } = ownerRepo(address, 'gitea');
  const repoURL = `${address.origin}/api/v1/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  return {
    list: { method: 'GET', url: `${repoURL}/commits/${plan.sha}/statuses?page=1&limit=50`, headers: headers(settings) },
    create: {
      method: 'POST',
      url: `${repoURL}/statuses/${plan.sha}`,
      headers: { ...headers(settings), 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: plan.state, target_url: '', description: plan.description, context: settings.commitStatus }),
    },
  };
}

export const gitea: Notifier = async (event, settings, send) => {
  const plan = giteaPlan(event);
  const { list, create } = giteaRequests(plan, settings);
  const existing = await send(list);
  // Gitea's API names the state "status" in what it returns.
  if (alreadyReported(parseJSON(existing.body), settings.commitStatus, plan, 'status')) return;
  await send(create);
};
