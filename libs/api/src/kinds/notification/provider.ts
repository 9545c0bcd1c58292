import { boolean, duration, object, oneOf, ref, string } from '../../schema/dsl.ts';
import { conditions, LocalObjectReference, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { ageColumn, readinessColumns } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { deprecatedVersionWarning, notificationCategories, notificationGroup } from './common.ts';

const alertingTypes = [
  'generic', 'generic-hmac', 'slack', 'discord', 'msteams', 'rocket', 'googlechat', 'googlepubsub', 'webex', 'sentry',
  'azureeventhub', 'telegram', 'lark', 'matrix', 'opsgenie', 'alertmanager', 'grafana', 'githubdispatch', 'pagerduty',
  'datadog', 'nats', 'zulip', 'otel', 'zoom', 'incident.io',
] as const;
/** Providers that write Git commit statuses; only they may set commitStatusExpr. */
export const commitStatusProviderTypes = ['github', 'gitlab', 'gitea', 'bitbucket', 'bitbucketserver', 'azuredevops'] as const;
const changeRequestTypes = ['githubpullrequestcomment', 'gitlabmergerequestcomment', 'giteapullrequestcomment'] as const;
export const providerTypes = [...alertingTypes, ...commitStatusProviderTypes, ...changeRequestTypes] as const;

function commonSpec() {
  return {
    type: oneOf(providerTypes, { doc: 'Which kind of service the notifications go to.', required: true }),
    interval: duration({ doc: 'Deprecated and unused.' }),
    channel: string({ doc: 'The channel, room, subject or topic to post to, depending on the type.', maxLength: 2048 }),
    username: string({ doc: "The name to post as; the Secret's 'username' wins over it.", maxLength: 2048 }),
    address: string({
      doc: "Where to send the notifications: a URL, a repository address or a server, depending on the type. The Secret's\n'address' wins over it.",
      maxLength: 2048,
    }),
    timeout: duration({ doc: 'How long one notification may take, retries included; 15s when empty.', hours: false }),
    proxy: string({ doc: 'Deprecated: use proxySecretRef. The HTTP or HTTPS address of a proxy.', maxLength: 2048, pattern: '^(http|https)://.*$' }),
    secretRef: ref(LocalObjectReference, {
      doc: "A Secret with credentials and overrides: 'address', 'token', 'username', 'password', 'headers', and per type more.",
    }),
    certSecretRef: ref(LocalObjectReference, {
      doc: "A Secret with TLS material: 'ca.crt' alone, or with 'tls.crt' and 'tls.key' for mutual TLS.",
    }),
    suspend: boolean({ doc: 'Stop sending notifications through this Provider.' }),
  };
}

const v1beta3Spec = object(
  {
    ...commonSpec(),
    proxySecretRef: ref(LocalObjectReference, {
      doc: "A Secret with the proxy: 'address', and optionally 'username' and 'password'. Wins over proxy.",
    }),
    serviceAccountName: string({
      doc: 'A ServiceAccount whose workload identity authenticates to the service (azureeventhub, azuredevops,\ngooglepubsub).',
    }),
    commitStatusExpr: string({
      doc: 'A CEL expression, over event, provider and alert, that returns the commit status ID (commit status types only).',
    }),
  },
  {
    typeDoc: 'Where and how notifications are sent.',
    validations: [
      {
        rule: `${commitStatusProviderTypes.map((t) => `self.type == '${t}'`).join(' || ')} || !has(self.commitStatusExpr)`,
        message: `spec.commitStatusExpr is only supported for the ${commitStatusProviderTypes.map((t) => `'${t}'`).join(', ')} provider types`,
      },
    ],
  },
);

const v1beta2Spec = object(commonSpec(), { typeDoc: 'Where and how notifications are sent.' });

const v1beta2Status = object(
  { ...reconcileRequestStatus, conditions, observedGeneration },
  { typeDoc: 'What the controller last observed of a Provider (v1beta2 only).' },
);

export const ProviderKind = defineKind({
  group: notificationGroup,
  kind: 'Provider',
  plural: 'providers',
  shortNames: [],
  categories: notificationCategories,
  versions: [
    {
      name: 'v1beta2',
      served: true,
      storage: false,
      deprecated: true,
      deprecationWarning: deprecatedVersionWarning('Provider', 'v1beta2', 'v1beta3'),
      doc: 'A Provider describes a service that notifications are sent to. This version is deprecated; use v1beta3.',
      spec: v1beta2Spec,
      status: v1beta2Status,
      statusDefault,
      printerColumns: readinessColumns,
    },
    {
      name: 'v1beta3',
      served: true,
      storage: true,
      doc: 'A Provider describes a service that notifications are sent to: a chat, a webhook, an alert manager or a Git host.',
      spec: v1beta3Spec,
      printerColumns: [ageColumn],
    },
  ],
});
