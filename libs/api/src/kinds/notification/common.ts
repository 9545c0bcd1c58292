import { object, oneOf, string, stringMap } from '../../schema/dsl.ts';

export const notificationGroup = 'notification.toolkit.fluxcd.io';
export const notificationCategories = ['all', 'fluxcd', 'fluxcd-notifications'] as const;

/** The kinds an Alert can listen to and a Receiver can trigger. */
export const eventSourceKinds = [
  'Bucket',
  'GitRepository',
  'Kustomization',
  'HelmRelease',
  'HelmChart',
  'HelmRepository',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'OCIRepository',
  'ArtifactGenerator',
  'ExternalArtifact',
] as const;

export const CrossNamespaceObjectReference = object(
  {
    apiVersion: string({ doc: 'API version of the referent.' }),
    kind: oneOf(eventSourceKinds, { doc: 'Kind of the referent.', required: true }),
    name: string({ doc: "Name of the referent, or '*' for every object of the kind (with matchLabels).", maxLength: 253, minLength: 1, required: true }),
    namespace: string({ doc: "Namespace of the referent; the referring object's namespace when empty.", maxLength: 253, minLength: 1 }),
    matchLabels: stringMap({ doc: "Labels the objects must all have; requires name '*'." }),
  },
  { typeName: 'CrossNamespaceObjectReference', typeDoc: 'A Flux object, or a set of them selected by labels, in any namespace.' },
);

export function deprecatedVersionWarning(kind: string, version: string, successor: string): string {
  return `${notificationGroup}/${version} ${kind} is deprecated, upgrade to ${successor}`;
}
