// The public door of @conflux/api: the Flux API types, the CRD manifests, the registry and the vocabulary.

// Types of every kind, generated from src/kinds.
export type * from './generated/types.ts';
export type { ListMeta, ManagedFieldsEntry, ObjectMeta, OwnerReference } from './object-meta.ts';

// Where each kind lives in the API.
export { type ApiResource, apiResources, type FluxKind, fluxKinds, isFluxKind, resourcePath } from './registry.ts';

// The vocabulary.
export {
  ConditionStatus,
  ConditionType,
  maxConditionMessageLength,
  maxKustomizationMessageLength,
  negativePolarityConditions,
} from './vocabulary/conditions.ts';
export {
  allReasons,
  HelmReason,
  KustomizeReason,
  MetaReason,
  NotificationReason,
  type Reason,
  SourceReason,
} from './vocabulary/reasons.ts';
export {
  Finalizer,
  HelmAnnotations,
  HelmLabels,
  HelmOwnership,
  KustomizeAnnotations,
  KustomizeLabels,
  OCIAnnotations,
  PolicyValue,
  ReconcileAnnotations,
  ReconcileLabels,
  ShardingLabels,
  SsaPolicy,
  watchEnabledValue,
} from './vocabulary/annotations.ts';
export {
  commitStatusUpdateValue,
  eventGroup,
  EventMetadataKey,
  eventMetadataKey,
  eventMetadataPrefix,
  EventSeverity,
  EventType,
} from './vocabulary/events.ts';

// The CRDs, as objects and as YAML, and the definitions they come from.
export type { CustomResourceDefinition, CustomResourceDefinitionVersion } from './crd.ts';
export { crdManifests, renderAllCrdsYaml, renderCrdYaml, renderTypes } from './generate.ts';
export { allKinds } from './kinds/index.ts';
export type { KindDefinition, KindVersion, PrinterColumn } from './kinds/kind.ts';

// The schema DSL, for tests and for anyone extending the API.
export type { CelRule, JSONSchemaProps, SchemaNode } from './schema/types.ts';
export { toOpenAPI } from './schema/openapi.ts';
