import { BucketKind } from './source/bucket.ts';
import { ExternalArtifactKind } from './source/externalartifact.ts';
import { GitRepositoryKind } from './source/gitrepository.ts';
import { HelmChartKind } from './source/helmchart.ts';
import { HelmRepositoryKind } from './source/helmrepository.ts';
import { OCIRepositoryKind } from './source/ocirepository.ts';
import { KustomizationKind } from './kustomize/kustomization.ts';
import { HelmReleaseKind } from './helm/helmrelease.ts';
import { AlertKind } from './notification/alert.ts';
import { ProviderKind } from './notification/provider.ts';
import { ReceiverKind } from './notification/receiver.ts';

/** Every kind Conflux serves, in a stable order that the generated files follow. */
export const allKinds = [
  GitRepositoryKind,
  OCIRepositoryKind,
  HelmRepositoryKind,
  HelmChartKind,
  BucketKind,
  ExternalArtifactKind,
  KustomizationKind,
  HelmReleaseKind,
  ProviderKind,
  AlertKind,
  ReceiverKind,
] as const;

export type FluxKind = (typeof allKinds)[number]['kind'];
