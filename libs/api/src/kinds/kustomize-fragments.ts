/** Fragments from fluxcd/pkg apis/kustomize, shared by Kustomization and HelmRelease post-renderers. */
import { array, object, ref, string } from '../schema/dsl.ts';

export const Selector = object(
  {
    group: string({ doc: 'API group of the objects to select.' }),
    version: string({ doc: 'API version of the objects to select.' }),
    kind: string({ doc: 'Kind of the objects to select.' }),
    name: string({ doc: 'Name of the objects to select.' }),
    namespace: string({ doc: 'Namespace of the objects to select.' }),
    annotationSelector: string({ doc: 'A Kubernetes selector expression over the annotations of the objects.' }),
    labelSelector: string({ doc: 'A Kubernetes selector expression over the labels of the objects.' }),
  },
  { typeName: 'Selector', typeDoc: 'Selects objects by group, version, kind, name, namespace, labels and annotations.' },
);

export const Patch = object(
  {
    patch: string({ doc: 'An inline strategic-merge patch, or a JSON 6902 patch as a list of operations.', required: true }),
    target: ref(Selector, { doc: 'The objects to patch; when empty, the patch names its target itself.' }),
  },
  { typeName: 'Patch', typeDoc: 'A patch and the objects it applies to.' },
);

export const Image = object(
  {
    name: string({ doc: 'The image name to replace, as it appears in the manifests.', required: true }),
    newName: string({ doc: 'The name to replace it with.' }),
    newTag: string({ doc: 'The tag to use instead.' }),
    digest: string({ doc: 'The digest to use instead; wins over newTag.' }),
  },
  { typeName: 'Image', typeDoc: 'Replaces the name, tag or digest of an image.' },
);

export const patches = array(Patch, {
  doc: 'Strategic-merge and JSON 6902 patches, inline, that can select their targets by kind, labels and annotations.',
});

export const images = array(Image, { doc: 'Image name, tag and digest replacements, a simpler alternative to a patch.' });

export function customHealthCheck(kindRequired: boolean) {
  return object(
    {
      apiVersion: string({ doc: 'API version of the custom resources to check; only its group is used.', required: true }),
      kind: string({
        doc: kindRequired ? 'Kind of the custom resources to check.' : 'Kind of the custom resources to check; every kind of the group when empty.',
        required: kindRequired,
      }),
      current: string({ doc: 'A CEL expression that is true when the resource is healthy.', required: true }),
      inProgress: string({ doc: 'A CEL expression that is true while the resource is still progressing.' }),
      failed: string({ doc: 'A CEL expression that is true when the resource has failed.' }),
    },
    { typeName: kindRequired ? 'CustomHealthCheck' : 'KustomizationHealthCheck', typeDoc: 'How to read the health of custom resources, in CEL.' },
  );
}

export function ignoreRule(owner: string) {
  return object(
    {
      paths: array(string(), { doc: 'JSON pointers (RFC 6901) to the fields to ignore.', required: true }),
      target: ref(Selector, { doc: `The objects the rule applies to; every object of the ${owner} when empty.` }),
    },
    { typeName: 'IgnoreRule', typeDoc: 'Fields whose changes are left alone by drift detection and correction.' },
  );
}
