import { array, boolean, duration, object, oneOf, ref, string } from '../../schema/dsl.ts';
import { conditions, LocalObjectReference, observedGeneration, reconcileRequestStatus, statusDefault } from '../../meta.ts';
import { readinessColumns } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { CrossNamespaceObjectReference, notificationCategories, notificationGroup } from './common.ts';

// 'gitea' is a Conflux addition: Gitea signs its webhooks itself (X-Gitea-Signature, HMAC-SHA256), so
// a Sovereign's Gitea can trigger reconciles without a generic-hmac adapter in between.
const receiverTypes = [
  'generic', 'generic-hmac', 'generic-oidc', 'github', 'gitlab', 'gitea', 'bitbucket', 'harbor', 'dockerhub', 'quay', 'gcr', 'nexus', 'acr', 'cdevents',
] as const;

const ReceiverResource = object(
  {
    ...CrossNamespaceObjectReference.properties,
    filter: string({ doc: 'A CEL expression over res and req; the object is only triggered when it is true.' }),
  },
  { typeName: 'ReceiverResource', typeDoc: 'An object, or objects selected by labels, that a webhook triggers.' },
);

const OIDCProvider = object(
  {
    issuerURL: string({ doc: "The OIDC issuer, used for discovery; it must equal the token's 'iss' claim.", pattern: '^https?://', required: true }),
    audience: string({ doc: "The audience the token must have; 'notification-controller' when empty." }),
    variables: array(
      object(
        {
          name: string({ doc: 'The variable name, a CEL identifier.', required: true }),
          expression: string({ doc: 'The CEL expression giving its value.', required: true }),
        },
        { typeName: 'OIDCVariable', typeDoc: 'A named CEL expression over the token claims.' },
      ),
      { doc: "Named CEL expressions over 'claims', available as 'vars.<name>' to later variables and the validations." },
    ),
    validations: array(
      object(
        {
          expression: string({ doc: 'A CEL expression that must be true.', required: true }),
          message: string({ doc: 'What the caller is told when it is false.', required: true }),
        },
        { typeName: 'OIDCValidation', typeDoc: 'A CEL check of the token claims.' },
      ),
      { doc: 'Checks every request must pass; a valid signature alone authorises nothing.', minItems: 1, required: true },
    ),
  },
  { typeName: 'OIDCProvider', typeDoc: 'An OIDC issuer whose tokens authenticate webhook calls.' },
);

const spec = object(
  {
    type: oneOf(receiverTypes, { doc: 'Who sends the webhook; it decides how the request is authenticated and read.', required: true }),
    interval: duration({ doc: 'How often the Receiver re-reads its Secret.', default: '10m' }),
    events: array(string(), { doc: "Event types to act on, e.g. 'push' for GitHub; compared without case." }),
    resources: array(ReceiverResource, { doc: 'The objects to reconcile when a webhook arrives.', required: true }),
    resourceFilter: string({ doc: 'A CEL expression over res and req; only objects for which it is true are triggered.' }),
    secretRef: ref(LocalObjectReference, {
      doc: "A Secret with the 'token' that authenticates requests (and 'email' and 'audience' for gcr). Required except\nfor generic-oidc.",
    }),
    oidcProviders: array(OIDCProvider, {
      doc: 'The issuers whose tokens authenticate requests (generic-oidc only).',
      listType: 'map',
      listMapKeys: ['issuerURL'],
    }),
    suspend: boolean({ doc: 'Answer webhooks with 503 instead of acting on them.' }),
  },
  {
    typeDoc: 'Which webhooks to accept and which objects they trigger.',
    validations: [
      {
        rule: "self.type != 'generic-oidc' || (has(self.oidcProviders) && size(self.oidcProviders) > 0)",
        message: 'generic-oidc receivers must define at least one oidcProvider',
      },
      {
        rule: "self.type == 'generic-oidc' || !has(self.oidcProviders) || size(self.oidcProviders) == 0",
        message: 'oidcProviders can only be set when type is generic-oidc',
      },
      { rule: "self.type == 'generic-oidc' || has(self.secretRef)", message: 'secretRef is required when type is not generic-oidc' },
      { rule: "self.type != 'generic-oidc' || !has(self.secretRef)", message: 'secretRef must not be set when type is generic-oidc' },
    ],
  },
);

const status = object(
  {
    ...reconcileRequestStatus,
    conditions,
    webhookPath: string({ doc: "The path webhooks are accepted on: '/hook/' followed by sha256(token + name + namespace)." }),
    observedGeneration,
  },
  { typeDoc: 'What the controller last observed of a Receiver.' },
);

export const ReceiverKind = defineKind({
  group: notificationGroup,
  kind: 'Receiver',
  plural: 'receivers',
  shortNames: [],
  categories: notificationCategories,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: 'A Receiver accepts webhooks from Git hosts and registries and asks Flux objects to reconcile at once.',
      spec,
      status,
      statusDefault,
      printerColumns: readinessColumns,
    },
  ],
});
