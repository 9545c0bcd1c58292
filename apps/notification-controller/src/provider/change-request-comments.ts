// gitlabmergerequestcomment and giteapullrequestcomment (reference §2.2): the same life cycle as
// githubpullrequestcomment (one comment per Provider and object, found again by its hidden marker and its
// author, edited in place), over GitLab's merge-request notes and Gitea's issue comments.
import type { NotificationEvent } from '@conflux/bus';
import { ownerRepo, parseGitAddress } from './commit-status.ts';
import { parseJSON } from './github.ts';
import { changeRequestNumber, commentBody, commentMarker, githubCommentKeyPrefix } from './pull-request-comment.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export interface CommentRequests {
  /** Who the token belongs to: only that user's comment is ours. */
  user: NotificationRequest;
  list: NotificationRequest;
  create: NotificationRequest;
  edit(commentID: number): NotificationRequest;
}

/** Where each host puts the login of a user and of a comment's author. */
interface CommentDialect {
  userLogin(user: unknown): string | undefined;
  authorLogin(comment: Record<string, unknown>): string | undefined;
}

function commentSettings(event: NotificationEvent, settings: ProviderSettings): { token: string; uid: string; number: number; body: string } {
  const token = settings.token || settings.password;
  if (!token) throw new NotificationError(`the ${settings.type} provider needs a token in its Secret`);
  if (!settings.providerUID) throw new NotificationError('provider UID cannot be empty');
  return { token, uid: settings.providerUID, number: changeRequestNumber(event), body: JSON.stringify({ body: commentBody(event, settings.providerUID, githubCommentKeyPrefix) }) };
}

export function gitlabCommentRequests(event: NotificationEvent, settings: ProviderSettings): CommentRequests {
  const { token, number, body } = commentSettings(event, settings);
  const address = parseGitAddress(settings.address);
  const api = `${address.origin}/api/v4`;
  const notes = `${api}/projects/${encodeURIComponent(address.id)}/merge_requests/${number}/notes`;
  const headers = { Accept: 'application/json', 'PRIVATE-TOKEN': token };
  const write = { ...headers, 'Content-Type': 'application/json' };
  return {
    user: { method: 'GET', url: `${api}/user`, headers },
    list: { method: 'GET', url: `${notes}?order_by=created_at&sort=asc&per_page=100`, headers },
    create: { method: 'POST', url: notes, headers: write, body },
    edit: (id) => ({ method: 'PUT', url: `${notes}/${id}`, headers: write, body }),
  };
}

export function giteaCommentRequests(event: NotificationEvent, settings: ProviderSettings): CommentRequests {
  const { token, number, body } = commentSettings(event, settings);
  const address = parseGitAddress(settings.address);
  const { owner, repo } = ownerRepo(address, settings.type);
  const api = `${address.origin}/api/v1`;
  const issues = `${api}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/issues`;
  const headers = { Accept: 'application/json', Authorization: `token ${token}` };
  const write = { ...headers, 'Content-Type': 'application/json' };
  return {
    user: { method: 'GET', url: `${api}/user`, headers },
    list: { method: 'GET', url: `${issues}/${number}/comments`, headers },
    create: { method: 'POST', url: `${issues}/${number}/comments`, headers: write, body },
    edit: (id) => ({ method: 'PATCH', url: `${issues}/comments/${id}`, headers: write, body }),
  };
}

const field = (value: unknown, ...path: string[]): string | undefined => {
  let v: unknown = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

export const gitlabDialect: CommentDialect = { userLogin: (u) => field(u, 'username'), authorLogin: (c) => field(c, 'author', 'username') };
export const giteaDialect: CommentDialect = { userLogin: (u) => field(u, 'login'), authorLogin: (c) => field(c, 'user', 'login') };

/** The ID of our earlier comment: written by `login` and carrying `marker`. */
export function findOurComment(comments: unknown, login: string, marker: string, dialect: CommentDialect): number | undefined {
  if (!Array.isArray(comments)) return undefined;
  for (const c of comments as Record<string, unknown>[]) {
    if (typeof c !== 'object' || c === null) continue;
    if (dialect.authorLogin(c) === login && typeof c['body'] === 'string' && c['body'].includes(marker) && typeof c['id'] === 'number') return c['id'];
  }
  return undefined;
}

function commentNotifier(build: (event: NotificationEvent, settings: ProviderSettings) => CommentRequests, dialect: CommentDialect, host: string): Notifier {
  return async (event, settings, send) => {
    const requests = build(event, settings);
    const login = dialect.userLogin(parseJSON((await send(requests.user)).body));
    if (!login) throw new NotificationError(`could not read the login of the token’s user from ${host}`);
    const existing = findOurComment(parseJSON((await send(requests.list)).body), login, commentMarker(event, settings.providerUID ?? '', githubCommentKeyPrefix), dialect);
    await send(existing === undefined ? requests.create : requests.edit(existing));
  };
}

export const gitlabmergerequestcomment: Notifier = commentNotifier(gitlabCommentRequests, gitlabDialect, 'GitLab');
export const giteapullrequestcomment: Notifier = commentNotifier(giteaCommentRequests, giteaDialect, 'Gitea');
