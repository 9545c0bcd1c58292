// Events shaped as upstream producers send them, and Provider settings, for the tests.
import type { NotificationEvent } from '@conflux/bus';
import type { ProviderSettings } from './provider/types.ts';

export const commitSHA = '731f7eaddfb6af01cb2173e18f0f75b0ba780ef1';

export function kustomizationEvent(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    involvedObject: { kind: 'Kustomization', namespace: 'apps', name: 'webapp', uid: '7d0c4a2e-1111-2222-3333-444455556666', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', resourceVersion: '1234' },
    severity: 'error',
    timestamp: '2022-10-28T07:26:19Z',
    message: 'Health check failed',
    reason: 'HealthCheckFailed',
    metadata: {
      'kustomize.toolkit.fluxcd.io/revision': `main@sha1:${commitSHA}`,
      'kustomize.toolkit.fluxcd.io/token': 'abc',
      'kustomize.toolkit.fluxcd.io/digest': 'sha256:0123',
      'event.toolkit.fluxcd.io/summary': 'prod',
      'other.example.com/x': 'y',
    },
    reportingController: 'kustomize-controller',
    reportingInstance: 'kustomize-controller-7c7b47f5f-8bhrp',
    ...overrides,
  };
}

/** The worked example after the pipeline: what a provider receives (reference §8.1). */
export function processedEvent(overrides: Partial<NotificationEvent> = {}): NotificationEvent {
  return kustomizationEvent({ metadata: { env: 'prod-eu', revision: `main@sha1:${commitSHA}`, summary: 'prod' }, ...overrides });
}

export function settings(overrides: Partial<ProviderSettings> = {}): ProviderSettings {
  return { type: 'generic', address: 'https://hooks.example.com/flux', channel: '', username: '', password: '', token: '', headers: {}, commitStatus: 'kustomization/webapp/0c9c2e41', ...overrides };
}
