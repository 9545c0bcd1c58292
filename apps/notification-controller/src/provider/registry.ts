// The one list of which Provider types Conflux delivers to. The README's table is kept in step with it
// (registry.test.ts checks that every enum type is in exactly one of the two lists).
import { alertmanager } from './alertmanager.ts';
import { azuredevops } from './azure-devops.ts';
import { azureeventhub } from './azure-eventhub.ts';
import { bitbucket } from './bitbucket.ts';
import { bitbucketserver } from './bitbucket-server.ts';
import { giteapullrequestcomment, gitlabmergerequestcomment } from './change-request-comments.ts';
import { googlechat, grafana, matrix, telegram } from './chat.ts';
import { generic, genericHmac } from './generic.ts';
import { gitea } from './gitea.ts';
import { github } from './github.ts';
import { githubdispatch } from './github-dispatch.ts';
import { gitlab } from './gitlab.ts';
import { googlepubsub } from './google-pubsub.ts';
import { datadog, incidentio, opsgenie } from './incident.ts';
import { lark, webex, zoom, zulip } from './messaging.ts';
import { msteams } from './msteams.ts';
import { nats } from './nats.ts';
import { otel } from './otel.ts';
import { pagerduty } from './pagerduty.ts';
import { githubpullrequestcomment } from './pull-request-comment.ts';
import { sentry } from './sentry.ts';
import { discord, rocket, slack } from './slack.ts';
import type { Notifier } from './types.ts';

export const notifiers: Readonly<Record<string, Notifier>> = {
  generic,
  'generic-hmac': genericHmac,
  slack,
  discord,
  rocket,
  msteams,
  googlechat,
  grafana,
  telegram,
  matrix,
  alertmanager,
  webex,
  lark,
  zulip,
  zoom,
  opsgenie,
  pagerduty,
  datadog,
  'incident.io': incidentio,
  githubdispatch,
  nats,
  github,
  gitlab,
  gitea,
  bitbucket,
  bitbucketserver,
  azuredevops,
  githubpullrequestcomment,
  gitlabmergerequestcomment,
  giteapullrequestcomment,
  otel,
  sentry,
  googlepubsub,
  azureeventhub,
};

/**
 * Types the CRD accepts that Conflux cannot deliver to yet: an Alert using one gets a Warning event.
 * Empty today; kept so a type the CRD gains before Conflux implements it has somewhere to go.
 */
export const unsupportedTypes: readonly string[] = [];

export const commitStatusTypes: readonly string[] = ['github', 'gitlab', 'gitea', 'bitbucket', 'bitbucketserver', 'azuredevops'];
export const changeRequestTypes: readonly string[] = ['githubpullrequestcomment', 'gitlabmergerequestcomment', 'giteapullrequestcomment'];

export const isCommitStatusType = (type: string): boolean => commitStatusTypes.includes(type);
export const isChangeRequestType = (type: string): boolean => changeRequestTypes.includes(type);
export const isGenericType = (type: string): boolean => type === 'generic' || type === 'generic-hmac';

export function notifierFor(type: string): Notifier | undefined {
  return Object.hasOwn(notifiers, type) ? notifiers[type] : undefined;
}
