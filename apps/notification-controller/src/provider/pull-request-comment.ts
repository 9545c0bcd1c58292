// githubpullrequestcomment (reference §2.2): one comment per Provider and object on the pull request named
// by the event's `change_request` metadata, edited in place on later events. The comment carries a hidden
// marker with the Provider UID and the object, and only a comment by the token's own user counts as ours.
// GitHub App credentials are not supported yet; a personal access token is.
import { EventMetadataKey } from '@conflux/api';
import type { NotificationEvent } from '@conflux/bus';
import { ownerRepo, parseGitAddress } from './commit-status.ts';
import { githubAPIBase, parseJSON } from './github.ts';
import { markdownPost } from './messaging.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export const githubCommentKeyPrefix = 'flux-pr-comment-key';

export function commentMarker(event: NotificationEvent, providerUID: string, prefix: string): string {
  const io = event.involvedObject;
  return `<!-- ${prefix}:${providerUID}/${io.kind}/${io.namespace}/${io.name} -->`;
}

export function commentBody(event: NotificationEvent, providerUID: string, prefix: string): string {
  return `${commentMarker(event, providerUID, prefix)}\n\n${markdownPost(event)}`;
}

export function changeRequestNumber(event: NotificationEvent): number {
  const value = event.metadata?.[EventMetadataKey.changeRequest];
  if (value === undefined) throw new NotificationError(`missing "${EventMetadataKey.changeRequest}" metadata key`);
  if (!/^[+-]?\d+$/.test(value)) throw new NotificationError(`invalid "${EventMetadataKey.changeRequest}" metadata value "${value}"`);
  return Number(value);
}

export interface GitHubCommentRequests {
  user: NotificationRequest;
  list: NotificationRequest;
  create: NotificationRequest;
  edit(commentID: number): NotificationRequest;
}

export function githubCommentRequests(event: NotificationEvent, settings: ProviderSettings): GitHubCommentRequests {
  const token = settings.token || settings.password;
  if (!token) throw new NotificationError('the githubpullrequestcomment provider needs a token in its Secret');
  if (!settings.providerUID) throw new NotificationError('provider UID cannot be empty');
  const address = parseGitAddress(settings.address);
  const { owner, repo } = ownerRepo(address, settings.type);
  const base = githubAPIBase(address);
  const issues = `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues`;
  const pr = changeRequestNumber(event);
  const headers = { Accept: 'application/vnd.github.v3+json', Authorization: `Bearer ${token}` };
  // go-github encodes with json.Encoder and HTML escaping off: a trailing newline, and '<' kept as is.
  const body = `${JSON.stringify({ body: commentBody(event, settings.providerUID, githubCommentKeyPrefix) })}\n`;
  const write = { ...headers, 'Content-Type': 'application/json' };
  return {
    user: { method: 'GET', url: `${base}/user`, headers },
    list: { method: 'GET', url: `${issues}/${pr}/comments?direction=asc&per_page=100&sort=created`, headers },
    create: { method: 'POST', url: `${issues}/${pr}/comments`, headers: write, body },
    edit: (commentID) => ({ method: 'PATCH', url: `${issues}/comments/${commentID}`, headers: write, body }),
  };
}

/** The ID of our earlier comment: by our user, carrying our marker. */
export function ourComment(comments: unknown, login: string, marker: string): number | undefined {
  if (!Array.isArray(comments)) return undefined;
  const found = comments.find((c: { user?: { login?: string }; body?: string }) => c?.user?.login === login && typeof c.body === 'string' && c.body.includes(marker)) as { id?: number } | undefined;
  return found?.id;
}

export const githubpullrequestcomment: Notifier = async (event, settings, send) => {
  const requests = githubCommentRequests(event, settings);
  const login = (parseJSON((await send(requests.user)).body) as { login?: string } | undefined)?.login;
  if (!login) throw new NotificationError('could not read the login of the token’s user from GitHub');
  const existing = ourComment(parseJSON((await send(requests.list)).body), login, commentMarker(event, settings.providerUID ?? '', githubCommentKeyPrefix));
  await send(existing === undefined ? requests.create : requests.edit(existing));
};
