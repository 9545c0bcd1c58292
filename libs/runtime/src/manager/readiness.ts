// What a reconcile tells dependents over NATS: a readiness event, sent only when something a dependent
// could act on changed (Ready, the artifact, the applied revision), so that a steady state sends nothing.
import type { ArtifactRef, ReadinessEvent } from '@conflux/bus';
import type { KubeObject } from '../kube/object.ts';
import { apiVersionOf, type ResourceType } from '../kube/resources.ts';
import { type Condition, findCondition } from '../reconcile/conditions.ts';
import type { Status } from '../reconcile/status-patch.ts';

const readinessStatuses = new Set(['True', 'False', 'Unknown']);

/** The parts of a status whose change is worth an event. */
function signature(status: Status): string {
  const ready = findCondition(status.conditions as Condition[] | undefined, 'Ready');
  const artifact = record(status['artifact']);
  return JSON.stringify([
    ready?.status,
    ready?.reason,
    ready?.message,
    artifact?.['revision'],
    artifact?.['digest'],
    status['lastAppliedRevision'],
  ]);
}

/** Whether a reconcile changed Ready's status/reason/message, the artifact's revision/digest or lastAppliedRevision. */
export function readinessChanged(previous: Status, current: Status): boolean {
  return signature(previous) !== signature(current);
}

/**
 * The readiness event describing `object` with `status`, or undefined when there is nothing to announce
 * (no Ready condition yet, or an object without a uid).
 */
export function readinessEventFor(object: KubeObject, resource: ResourceType, status: Status, now: Date = new Date()): ReadinessEvent | undefined {
  const ready = findCondition(status.conditions as Condition[] | undefined, 'Ready');
  const uid = object.metadata.uid;
  if (!ready || !readinessStatuses.has(ready.status) || !uid) return undefined;
  const event: ReadinessEvent = {
    v: 1,
    kind: object.kind ?? resource.kind,
    apiVersion: object.apiVersion ?? apiVersionOf(resource),
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name,
    uid,
    generation: object.metadata.generation ?? 0,
    ready: { status: ready.status as ReadinessEvent['ready']['status'], reason: ready.reason, message: ready.message },
    timestamp: now.toISOString(),
  };
  const observed = status['observedGeneration'];
  if (typeof observed === 'number' && observed >= 0) event.observedGeneration = observed;
  const artifact = artifactOf(status['artifact']);
  if (artifact) event.artifact = artifact;
  const applied = status['lastAppliedRevision'];
  if (typeof applied === 'string' && applied) event.lastAppliedRevision = applied;
  const revision = artifact?.revision ?? event.lastAppliedRevision;
  if (revision) event.revision = revision;
  return event;
}

// Only a complete artifact is announced: a consumer must be able to fetch and verify what it is told about.
function artifactOf(value: unknown): ArtifactRef | undefined {
  const a = record(value);
  if (!a) return undefined;
  const { path, url, revision, digest, lastUpdateTime, size } = a;
  if (![path, url, revision, digest, lastUpdateTime].every((v) => typeof v === 'string' && v !== '')) return undefined;
  const artifact: ArtifactRef = {
    path: path as string,
    url: url as string,
    revision: revision as string,
    digest: digest as string,
    lastUpdateTime: lastUpdateTime as string,
  };
  if (typeof size === 'number' && Number.isInteger(size) && size >= 0) artifact.size = size;
  return artifact;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
