// Sample payloads shared by this lib's tests (not exported from index.ts).
import type { NotificationEvent } from './notification-event.ts';
import type { ReadinessEvent } from './payload.ts';
import type { ReconcileRequestEvent } from './reconcile-request.ts';

export function sampleReadiness(overrides: Partial<ReadinessEvent> = {}): ReadinessEvent {
  return {
    v: 1,
    kind: 'GitRepository',
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    namespace: 'flux-system',
    name: 'podinfo',
    uid: '5b2f1d2e-9c1a-4b7e-8f00-0c7d7c4b9a11',
    generation: 3,
    observedGeneration: 3,
    ready: { status: 'True', reason: 'Succeeded', message: "stored artifact for revision 'main@sha1:4f3c'" },
    revision: 'main@sha1:4f3c',
    artifact: {
      path: 'gitrepository/flux-system/podinfo/4f3c.tar.gz',
      url: 'http://source-controller.flux-system.svc.cluster.local./gitrepository/flux-system/podinfo/4f3c.tar.gz',
      revision: 'main@sha1:4f3c',
      digest: 'sha256:0f4ba7d9c0e1',
      size: 1234,
      lastUpdateTime: '2026-01-02T03:04:05Z',
    },
    timestamp: '2026-01-02T03:04:05.678Z',
    ...overrides,
  };
}

export function sampleEvent(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    involvedObject: {
      kind: 'Kustomization',
      namespace: 'flux-system',
      name: 'apps',
      uid: '0d7c9a7e-1111-4e1e-9d5a-2a5f1e0b7c33',
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    },
    severity: 'error',
    timestamp: '2026-01-02T03:04:05Z',
    message: 'Deployment/apps/web dry-run failed: spec.replicas: Invalid value',
    reason: 'ReconciliationFailed',
    metadata: { 'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:4f3c' },
    reportingController: 'kustomize-controller',
    reportingInstance: 'kustomize-controller-7d9f-abcde',
    ...overrides,
  };
}

export function sampleReconcileRequest(overrides: Partial<ReconcileRequestEvent> = {}): ReconcileRequestEvent {
  return {
    v: 1,
    kind: 'GitRepository',
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    namespace: 'flux-system',
    name: 'podinfo',
    requestedAt: '2026-01-02 03:04:05.678901234 +0000 UTC',
    requestedBy: 'Receiver/flux-system/gitea',
    timestamp: '2026-01-02T03:04:05.678Z',
    ...overrides,
  };
}
