// What the Kustomization steps share during one reconcile.
import type { Artifact, KustomizationSpec, KustomizationStatus } from '@conflux/api';
import type { KubeClient, KubeObject, ObjectMeta, ReconcileRequest, ReconcileResult } from '@conflux/runtime';
import type { ChangeSet, LiveDigests, ResourceManager, RESTMapper } from '@conflux/ssa';
import type { FeatureGates } from '../feature-gates.ts';
import type { CompiledSpec, CompiledSpecs } from './compiled.ts';
import type { HealthWaits } from './health-waits.ts';

export type KustomizationObject = KubeObject & { metadata: ObjectMeta; spec: KustomizationSpec; status?: KustomizationStatus };

export const kustomizeGroup = 'kustomize.toolkit.fluxcd.io';
export const fieldManager = 'kustomize-controller';

/** What the reconciler needs from the process around it. */
export interface KustomizationDeps {
  /** The controller's own client, acting as the controller's identity. */
  client: KubeClient;
  /** --kube-api-qps and --kube-api-burst, for the clients made per Kustomization (impersonation, remote clusters). */
  qps?: number;
  burst?: number;
  /** --requeue-dependency. */
  requeueDependencyMs: number;
  /** --http-retry. */
  httpRetry: number;
  /** --default-service-account. */
  defaultServiceAccount: string;
  /** --no-cross-namespace-refs. */
  noCrossNamespaceRefs: boolean;
  gates: FeatureGates;
  /** Running health-check waits, so that a new revision can cancel them. */
  healthWaits: HealthWaits;
  /** The CEL of each Kustomization, compiled once per generation. */
  compiledSpecs: CompiledSpecs;
  /** Discovery of the local cluster, shared by every Kustomization that applies there. */
  mapper?: RESTMapper;
  /** What was last seen of every applied object, shared by all Kustomizations so unchanged ones are not read again. */
  liveDigests?: LiveDigests;
  /** --sops-age-secret: a Secret in the controller's namespace with fallback age keys. */
  sopsAgeSecret?: { namespace: string; name: string };
  /** SOURCE_CONTROLLER_LOCALHOST: replaces host:port of artifact URLs, for running outside the cluster. */
  artifactHostOverride?: string;
}

/** The source artifact this reconcile works from. */
export interface SourceArtifact {
  /** "GitRepository/ns/name", as upstream prints a source reference. */
  ref: string;
  artifact: Artifact;
}

/** A built manifest set, ready to apply. */
export interface BuiltManifests {
  objects: KubeObject[];
  /** sha256 of the built YAML, for status.history. */
  digest: string;
}

export interface StepContext {
  request: ReconcileRequest<KustomizationObject>;
  object: KustomizationObject;
  status: KustomizationStatus;
  deps: KustomizationDeps;
  /** When the reconcile started, for durations in messages and history. */
  startedAt: number;
  /** A private temp directory, removed when the reconcile ends. */
  workDir: string;
  /** healthCheckExprs and readyExprs of this generation, compiled (checkSpec). */
  compiled?: CompiledSpec;
  source?: SourceArtifact;
  /** The extracted artifact's root, inside workDir. */
  artifactRoot?: string;
  /** The client objects are applied with: impersonating, or for a remote cluster. */
  cluster?: KubeClient;
  manifests?: BuiltManifests;
  /** Applies, prunes and health-checks on `cluster`. */
  resources?: ResourceManager;
  /** What this apply did, for the inventory and the health checks. */
  changeSet?: ChangeSet;
  /**
   * Aborted when a newer revision or generation shows up while this reconcile runs (HealthWaits);
   * registered as soon as the revision is known, so an announcement during the apply is not missed.
   */
  superseded?: AbortSignal;
  /** Cleanups to run when the reconcile ends (remote clients). */
  cleanups: Array<() => void | Promise<void>>;
}

/** A step either lets the next one run or ends the reconcile with a result; unexpected errors are thrown. */
export type StepResult = 'continue' | ReconcileResult;

export function revisionOf(ctx: StepContext): string {
  return ctx.source?.artifact.revision ?? '';
}
