import type { ObjectNode } from '../schema/types.ts';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer' | 'number' | 'boolean';
  jsonPath: string;
  description?: string;
  priority?: number;
}

export interface KindVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated?: boolean;
  deprecationWarning?: string;
  /** What the kind is, shown by `kubectl explain <kind>`. */
  doc: string;
  spec: ObjectNode;
  /** Absent for kinds that have no status at all (notification v1beta3 Alert and Provider). */
  status?: ObjectNode;
  statusDefault?: Readonly<Record<string, unknown>>;
  printerColumns: readonly PrinterColumn[];
  /**
   * The name TypeScript uses for this version's object type. The storage version takes the plain kind;
   * an older served version needs its own name, e.g. AlertV1beta2.
   */
  typeName?: string;
}

export interface KindDefinition<K extends string = string> {
  group: string;
  kind: K;
  plural: string;
  singular: string;
  listKind: string;
  shortNames: readonly string[];
  categories: readonly string[];
  scope: 'Namespaced';
  versions: readonly KindVersion[];
}

/** Checks the invariants the API server would otherwise reject much later, at install time. */
export function defineKind<K extends string>(
  definition: Omit<KindDefinition<K>, 'listKind' | 'singular' | 'scope'> & { singular?: string },
): KindDefinition<K> {
  const storage = definition.versions.filter((v) => v.storage);
  if (storage.length !== 1) throw new Error(`${definition.kind}: exactly one version must be the storage version`);
  if (storage[0]!.deprecated) throw new Error(`${definition.kind}: the storage version cannot be deprecated`);
  return {
    ...definition,
    singular: definition.singular ?? definition.kind.toLowerCase(),
    listKind: `${definition.kind}List`,
    scope: 'Namespaced',
  };
}

export function storageVersion(definition: KindDefinition): KindVersion {
  return definition.versions.find((v) => v.storage)!;
}

/** The TypeScript name of one version's object type. */
export function typeNameOf(definition: KindDefinition, version: KindVersion): string {
  return version.typeName ?? (version.storage ? definition.kind : `${definition.kind}${capitalise(version.name)}`);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
