import { object, ref } from '../../schema/dsl.ts';
import { Artifact, conditions, NamespacedObjectKindReference } from '../../meta.ts';
import { ageColumn, readyColumn, specColumn, statusColumn } from '../columns.ts';
import { defineKind } from '../kind.ts';
import { sourceCategories, sourceGroup } from './common.ts';

const spec = object(
  { sourceRef: ref(NamespacedObjectKindReference, { doc: 'The object the artifact was generated for.' }) },
  { typeDoc: 'The object an external producer generated this artifact for.' },
);

const status = object(
  {
    artifact: ref(Artifact, { doc: 'The artifact the producer published.' }),
    conditions,
  },
  { typeDoc: 'The artifact and readiness reported by the producer.' },
);

export const ExternalArtifactKind = defineKind({
  group: sourceGroup,
  kind: 'ExternalArtifact',
  plural: 'externalartifacts',
  // The reference lists no short name; newer upstream code has 'ea', which we leave out until the contract says so.
  shortNames: [],
  categories: sourceCategories,
  versions: [
    {
      name: 'v1',
      served: true,
      storage: true,
      doc: 'An ExternalArtifact is an artifact published by a third-party controller in the source-controller format (RFC-0012).',
      spec,
      status,
      printerColumns: [ageColumn, readyColumn, statusColumn, specColumn('Source', '.spec.sourceRef.name')],
    },
  ],
});
