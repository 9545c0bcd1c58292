// bitbucket (Cloud) commit statuses (reference §2.5): a build status keyed by the SHA-1 of the status ID
// (Bitbucket caps keys at 40 characters), on api.bitbucket.org with Basic auth from a `user:app-password`
// token. The API host is fixed, so there is no address override to point it elsewhere.
import { createHash } from 'node:crypto';
import type { NotificationEvent } from '@conflux/bus';
import { commitHash, eventRevision, ownerRepo, parseGitAddress, progressingReason, statusDescription, statusName } from './commit-status.ts';
import { basicAuth } from './format.ts';
import { type CommitStatusPlan, parseJSON } from './github.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings, type Send } from './types.ts';

export const BitbucketState = { successful: 'SUCCESSFUL', failed: 'FAILED' } as const;

export const bitbucketAPI = 'https://api.bitbucket.org/2.0';

/** The status key: Bitbucket limits keys to 40 characters, a SHA-1 in hex is exactly that. */
export function statusKey(commitStatus: string): string {
  return createHash('sha1').update(commitStatus).digest('hex');
}

/** The status to post, or undefined for Progressing events, which Bitbucket does not get. */
export function bitbucketPlan(event: NotificationEvent): CommitStatusPlan | undefined {
  if (event.reason === progressingReason) return undefined;
  return { state: event.severity === 'error' ? BitbucketState.failed : BitbucketState.successful, description: statusDescription(event.reason), sha: commitHash(eventRevision(event)) };
}

function credentials(token: string): { username: string; password: string } {
  if (!token) throw new NotificationError('the bitbucket provider needs a token in its Secret, as <user>:<app-password>');
  const parts = token.split(':');
  if (parts.length !== 2) throw new NotificationError('invalid bitbucket token format, expected to be <user>:<password>');
  return { username: parts[0] as string, password: parts[1] as string };
}

export function bitbucketRequests(plan: CommitStatusPlan, event: NotificationEvent, settings: ProviderSettings, apiBase = bitbucketAPI): { get: NotificationRequest; create: NotificationRequest } {
  const { username, password } = credentials(settings.token);
  const { owner, repo } = ownerRepo(parseGitAddress(settings.address), 'bitbucket');
  const key = statusKey(settings.commitStatus);
  const statuses = `${apiBase}/repositories/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/commit/${plan.sha}/statuses/build`;
  const headers = { Accept: 'application/json', Authorization: basicAuth(username, password) };
  return {
    get: { method: 'GET', url: `${statuses}/${key}`, headers },
    create: {
      method: 'POST',
      url: statuses,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ state: plan.state, key, name: statusName(event), description: plan.description, url: 'https://bitbucket.org' }),
    },
  };
}

/** GETs the status with our key; a 404 means there is none yet. Resolves with its JSON, or undefined. */
export async function existingStatus(send: Send, get: NotificationRequest): Promise<Record<string, unknown> | undefined> {
  try {
    const found = parseJSON((await send(get)).body);
    return found !== null && typeof found === 'object' ? (found as Record<string, unknown>) : undefined;
  } catch (err) {
    if (err instanceof NotificationError && err.status === 404) return undefined;
    throw new NotificationError(`could not get commit status: ${(err as Error).message}`, (err as NotificationError).status);
  }
}

export function bitbucketNotifier(apiBase = bitbucketAPI): Notifier {
  return async (event, settings, send) => {
    const plan = bitbucketPlan(event);
    if (!plan) return;
    const { get, create } = bitbucketRequests(plan, event, settings, apiBase);
    const existing = await existingStatus(send, get);
    if (existing?.['state'] === plan.state && existing['description'] === plan.description) return;
    await send(create);
  };
}

export const bitbucket: Notifier = bitbucketNotifier();
