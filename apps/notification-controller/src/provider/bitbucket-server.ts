// bitbucketserver (Bitbucket Server / Data Center) build statuses (reference §2.5). The address is the
// repository's HTTP(S) clone URL, `https://host[/context]/scm/<PROJECT>/<repo>.git`; everything before the
// last `/scm/` is the server's context path. Auth is a Bearer token, or Basic from username and password.
import type { NotificationEvent } from '@conflux/bus';
import { bitbucketPlan, existingStatus, statusKey } from './bitbucket.ts';
import { statusName } from './commit-status.ts';
import { basicAuth } from './format.ts';
import type { CommitStatusPlan } from './github.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

/** The commits endpoint of the repository named by a clone URL. */
export function bitbucketServerCommitsURL(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new NotificationError(`could not parse git address "${address}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NotificationError(`could not parse git address: unsupported scheme type in address: ${url.protocol.replace(/:$/, '')}. Must be http or https`);
  }
  const path = url.pathname.replace(/\.git$/, '');
  const scm = path.lastIndexOf('/scm/');
  if (scm < 0) throw new NotificationError('could not parse git address: supplied provider address is not http(s) git clone url');
  const id = path.slice(scm + '/scm/'.length);
  const parts = id.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new NotificationError(`could not parse git address: invalid repository id "${id}"`);
  return `${url.origin}${path.slice(0, scm)}/rest/api/latest/projects/${parts[0]}/repos/${parts[1]}/commits`;
}

function headers(settings: ProviderSettings): Record<string, string> {
  let authorization: string;
  if (settings.token) authorization = `Bearer ${settings.token}`;
  else if (settings.username && settings.password) authorization = basicAuth(settings.username, settings.password);
  else throw new NotificationError('invalid credentials for bitbucketserver, expected to be one of username/password or API Token');
  return { Authorization: authorization, 'x-atlassian-token': 'no-check', 'x-requested-with': 'XMLHttpRequest' };
}

/** The status name carries the description too, because Bitbucket Server shows only the name. */
export function bitbucketServerName(event: NotificationEvent, plan: CommitStatusPlan): string {
  return `${statusName(event)} [${plan.description}]`;
}

export function bitbucketServerRequests(plan: CommitStatusPlan, event: NotificationEvent, settings: ProviderSettings): { get: NotificationRequest; create: NotificationRequest } {
  const builds = `${bitbucketServerCommitsURL(settings.address)}/${plan.sha}/builds`;
  const key = statusKey(settings.commitStatus);
  const h = headers(settings);
  // Go's struct order with omitempty, and json.Encoder's trailing newline: upstream's exact bytes.
  const body = `${JSON.stringify({ description: plan.description, key, name: bitbucketServerName(event, plan), state: plan.state, url: settings.address })}\n`;
  return {
    get: { method: 'GET', url: `${builds}?key=${key}`, headers: h },
    create: { method: 'POST', url: builds, headers: { ...h, 'Content-Type': 'application/json' }, body },
  };
}

export const bitbucketserver: Notifier = async (event, settings, send) => {
  const plan = bitbucketPlan(event);
  if (!plan) return;
  const { get, create } = bitbucketServerRequests(plan, event, settings);
  const existing = await existingStatus(send, get);
  const name = bitbucketServerName(event, plan);
  if (existing && existing['key'] === statusKey(settings.commitStatus) && existing['state'] === plan.state && existing['description'] === plan.description && existing['name'] === name) return;
  await send(create);
};
