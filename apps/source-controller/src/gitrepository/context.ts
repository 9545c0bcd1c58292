// What the GitRepository steps share during one reconcile.
import type { Artifact, GitRepositorySpec, GitRepositoryStatus } from '@conflux/api';
import type { ArtifactStorage } from '@conflux/artifact';
import type { KubeClient, KubeObject, ObjectMeta, ReconcileRequest, ReconcileResult } from '@conflux/runtime';
import type { TreeFiles } from '@conflux/git';

export type GitRepositoryObject = KubeObject & { metadata: ObjectMeta; spec: GitRepositorySpec; status?: GitRepositoryStatus };

export const gitRepositoryKind = 'GitRepository';

/** What the reconciler needs from the process around it. */
export interface GitRepositoryDeps {
  client: KubeClient;
  storage: ArtifactStorage;
  /** Root of the per-remote Git object caches. */
  gitCachePath: string;
  /** --requeue-dependency: how soon to look again at an include that has no artifact yet. */
  requeueDependencyMs: number;
  /** A GitRepository of the watch cache, for includes. */
  lookup(namespace: string, name: string): GitRepositoryObject | undefined;
}

/** The commit reconcileSource settled on. */
export interface SourceCommit {
  revision: string;
  /** The commit's SHA-1; it names the artifact file. */
  hash: string;
  /** The commit subject, for the NewArtifact message; empty when only the ref advertisement was read. */
  subject: string;
  /** The directory holding the checked-out tree, when it was written to disk (includes, submodules). */
  dir?: string;
  /** The checked-out tree in memory, otherwise; neither is set when nothing was checked out. */
  tree?: TreeFiles;
}

export interface StepContext {
  request: ReconcileRequest<GitRepositoryObject>;
  object: GitRepositoryObject;
  status: GitRepositoryStatus;
  deps: GitRepositoryDeps;
  /** A private temp directory, made on first use and removed when the reconcile ends. */
  workDir(): Promise<string>;
  /** Whether a failure condition was present before this reconcile: success then emits a Succeeded event. */
  recovering: boolean;
  commit?: SourceCommit;
  /** The include artifacts, in spec.include order, once resolved. */
  includes?: Artifact[];
}

/** A step either lets the next one run or ends the reconcile with a result; errors are thrown. */
export type StepResult = 'continue' | ReconcileResult;
