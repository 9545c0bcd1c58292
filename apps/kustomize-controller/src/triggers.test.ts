import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KustomizationObject } from './kustomization/context.ts';
import { waitsOnReadyExpr } from './triggers.ts';

function dependent(reason: string, dependsOn: NonNullable<KustomizationObject['spec']['dependsOn']>): KustomizationObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'app', namespace: 'apps' },
    spec: { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' }, dependsOn },
    status: { conditions: [{ type: 'Ready', status: 'False', reason, message: '', lastTransitionTime: '2024-01-01T00:00:00Z' }] },
  };
}

describe('waitsOnReadyExpr', () => {
  it('GIVEN a dependent held up by a readyExpr on apps/infra THEN a change of apps/infra may release it', () => {
    assert.equal(waitsOnReadyExpr(dependent('DependencyNotReady', [{ name: 'infra', readyExpr: 'true' }]), 'apps/infra'), true);
    assert.equal(waitsOnReadyExpr(dependent('DependencyNotReady', [{ name: 'infra', namespace: 'ops', readyExpr: 'true' }]), 'ops/infra'), true);
  });

  it('GIVEN no readyExpr on that dependency, another dependency, or a dependent not waiting THEN it is left to the Ready trigger', () => {
    assert.equal(waitsOnReadyExpr(dependent('DependencyNotReady', [{ name: 'infra' }]), 'apps/infra'), false);
    assert.equal(waitsOnReadyExpr(dependent('DependencyNotReady', [{ name: 'db', readyExpr: 'true' }]), 'apps/infra'), false);
    assert.equal(waitsOnReadyExpr(dependent('ReconciliationSucceeded', [{ name: 'infra', readyExpr: 'true' }]), 'apps/infra'), false);
  });
});
