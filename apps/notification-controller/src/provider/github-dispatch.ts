// githubdispatch (reference §2.4): a repository_dispatch on the repository of the address, with the event
// type `<Kind>/<name>.<namespace>` and the event itself as client_payload, so a GitHub Actions workflow
// can react to Flux. github.com goes through api.github.com, any other host is GitHub Enterprise.
import type { NotificationEvent } from '@conflux/bus';
import { ownerRepo, parseGitAddress } from './commit-status.ts';
import { wireEvent } from '../event/wire.ts';
import { githubAPIBase } from './github.ts';
import { NotificationError, type NotificationRequest, type Notifier, type ProviderSettings } from './types.ts';

export function githubDispatchRequest(event: NotificationEvent, settings: ProviderSettings): NotificationRequest {
  const token = settings.token || settings.password;
  if (!token) throw new NotificationError('the githubdispatch provider needs a token in its Secret');
  const address = parseGitAddress(settings.address);
  const { owner, repo } = ownerRepo(address, 'githubdispatch');
  const io = event.involvedObject;
  // go-github encodes request bodies with json.Encoder, hence the trailing newline.
  const body = `${JSON.stringify({ event_type: `${io.kind}/${io.name}.${io.namespace}`, client_payload: wireEvent(event) })}\n`;
  return {
    method: 'POST',
    url: `${githubAPIBase(address)}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/dispatches`,
    headers: { Accept: 'application/vnd.github.v3+json', Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body,
  };
}

export const githubdispatch: Notifier = async (event, settings, send) => {
  await send(githubDispatchRequest(event, settings));
};
