import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KustomizationObject } from './context.ts';
import { compileCel, loadCel } from '@conflux/cel';
import { dependencyProblem, readyExprProblem } from './dependencies.ts';

// The engine loads on first use in the controller (checkSpec); these tests compile directly.
await loadCel();

function ks(name: string, source: string, status: KustomizationObject['status'], generation = 1): KustomizationObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: 'apps', generation },
    spec: { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: source } },
    ...(status ? { status } : {}),
  };
}
const ready = (rev: string, observedGeneration = 1): KustomizationObject['status'] => ({
  observedGeneration,
  lastAppliedRevision: rev,
  conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: '', lastTransitionTime: '2024-01-01T00:00:00Z' }],
});

describe('dependencyProblem', () => {
  const self = ks('app', 'repo', undefined);

  it('GIVEN a dependency that has never reconciled THEN it is not ready', () => {
    assert.equal(dependencyProblem(self, ks('infra', 'other', undefined), 'main@sha1:1'), "dependency 'apps/infra' is not ready");
  });

  it('GIVEN a Ready dependency at an older generation THEN it is not ready', () => {
    assert.equal(dependencyProblem(self, ks('infra', 'other', ready('x', 1), 2), 'main@sha1:1'), "dependency 'apps/infra' is not ready");
  });

  it('GIVEN a Ready dependency on the same source at an older revision THEN its revision is not up to date', () => {
    assert.equal(dependencyProblem(self, ks('infra', 'repo', ready('main@sha1:0')), 'main@sha1:1'), "dependency 'apps/infra' revision is not up to date");
  });

  it('GIVEN a Ready dependency on another source, or on the same source at this revision THEN there is no problem', () => {
    assert.equal(dependencyProblem(self, ks('infra', 'other', ready('whatever')), 'main@sha1:1'), undefined);
    assert.equal(dependencyProblem(self, ks('infra', 'repo', ready('main@sha1:1')), 'main@sha1:1'), undefined);
  });

  it('GIVEN a dependency whose Ready is False THEN it is not ready', () => {
    const failed = ready('x');
    failed!.conditions![0]!.status = 'False';
    assert.equal(dependencyProblem(self, ks('infra', 'other', failed), 'r'), "dependency 'apps/infra' is not ready");
  });
});

describe('readyExprProblem', () => {
  const self = ks('app', 'repo', undefined);
  const suspended = { ...ks('infra', 'other', undefined), spec: { ...ks('infra', 'other', undefined).spec, suspend: true } };

  it('GIVEN a dependency that never reconciled WHEN the readyExpr holds for it THEN there is no problem, though the built-in check objects', () => {
    const expr = compileCel("dep.spec.suspend == true && self.metadata.namespace == dep.metadata.namespace", { variables: ['self', 'dep'] });
    assert.equal(readyExprProblem(expr, self, suspended), undefined);
    assert.equal(dependencyProblem(self, suspended, 'r'), "dependency 'apps/infra' is not ready");
  });

  it('GIVEN a readyExpr that is false THEN the dependency is not ready according to it', () => {
    const expr = compileCel('has(dep.status)', { variables: ['self', 'dep'] });
    assert.equal(readyExprProblem(expr, self, suspended), "dependency 'apps/infra' is not ready according to readyExpr eval");
  });

  it('GIVEN a readyExpr that cannot be evaluated on this dependency THEN the problem says why', () => {
    const expr = compileCel("dep.status.lastAppliedRevision == 'x'", { variables: ['self', 'dep'] });
    assert.match(readyExprProblem(expr, self, suspended)!, /^dependency 'apps\/infra': failed to evaluate the CEL expression/);
  });
});
