// What the Git commit-status providers share (reference §2.5): which events they skip, which commit they
// report on, the description and the ID of the status, and where the repository is.
import { EventMetadataKey } from '@conflux/api';
import type { NotificationEvent } from '@conflux/bus';
import { splitCamelCase } from './format.ts';
import { NotificationError } from './types.ts';

export const progressingReason = 'Progressing';

/** The revision to report: commit, then originRevision, then revision, from the merged metadata. */
export function eventRevision(event: NotificationEvent): string {
  const md = event.metadata ?? {};
  const revision = md[EventMetadataKey.commit] ?? md[EventMetadataKey.originRevision] ?? md[EventMetadataKey.revision];
  if (revision === undefined) throw new NotificationError('missing revision metadata');
  return revision;
}

/**
 * The commit SHA-1 of a revision in any of Flux's forms: `main@sha1:<h>`, `sha1:<h>`, `main/<h>`, `<h>`.
 * Only a 40-character hash is a commit a Git host can hold a status for.
 */
export function commitHash(revision: string): string {
  const colon = revision.lastIndexOf(':');
  const hash = colon >= 0 ? revision.slice(colon + 1) : revision.slice(revision.lastIndexOf('/') + 1);
  if (hash.length !== 40) throw new NotificationError(`failed to extract commit hash from '${revision}' revision`);
  return hash;
}

/** `ReconciliationSucceeded` → `reconciliation succeeded`. */
export function statusDescription(reason: string): string {
  return splitCamelCase(reason).join(' ').toLowerCase();
}

/** `lower(kind/name)`: how upstream names the object in build statuses and incident summaries. */
export function statusName(event: NotificationEvent): string {
  return `${event.involvedObject.kind}/${event.involvedObject.name}`.toLowerCase();
}

/** upstream's default status ID: `lower(<kind>/<name>/<first segment of the Provider's UID>)`. */
export function defaultCommitStatus(event: NotificationEvent, providerUID: string): string {
  const io = event.involvedObject;
  return `${io.kind}/${io.name}/${providerUID.split('-', 1)[0]}`.toLowerCase();
}

export interface GitAddress {
  /** scheme://host[:port] */
  origin: string;
  host: string;
  /** The repository path without leading '/' and trailing '.git', e.g. `org/repo`. */
  id: string;
}

/** Parses a repository address; ssh:// becomes https://, and `git@host:org/repo` is understood too. */
export function parseGitAddress(address: string): GitAddress {
  let text = address.trim();
  const scp = /^([^@/]+@)?([^:/]+):(?!\/\/)(.+)$/.exec(text);
  if (scp && !/^[a-z]+:\/\//i.test(text)) text = `https://${scp[2]}/${scp[3]}`;
  let url: URL;
  try {
    url = new URL(text.replace(/^ssh:\/\//i, 'https://'));
  } catch {
    throw new NotificationError(`invalid repository address "${address}"`);
  }
  const protocol = url.protocol === 'http:' ? 'http:' : 'https:';
  const id = url.pathname.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  if (!id) throw new NotificationError(`repository address "${address}" names no repository`);
  // SSH ports name the SSH daemon, not the web API.
  const port = url.protocol === 'ssh:' || /^ssh:/i.test(address) ? '' : url.port;
  const host = port ? `${url.hostname}:${port}` : url.hostname;
  return { origin: `${protocol}//${host}`, host: url.hostname, id };
}

/** owner/repo, as github, gitea and bitbucket require. */
export function ownerRepo(address: GitAddress, type: string): { owner: string; repo: string } {
  const parts = address.id.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new NotificationError(`invalid repository id "${address.id}" for ${type}: expected <owner>/<repo>`);
  return { owner: parts[0], repo: parts[1] };
}
