import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent } from '../test-events.ts';
import { evaluateCommitStatusExpr } from './commit-status-expr.ts';
import { loadCel } from '@conflux/cel';

// The engine loads on first use in the controller; these tests compile directly.
await loadCel();
import type { AlertObject, ProviderObject } from '../objects.ts';

const alert: AlertObject = { apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Alert', metadata: { name: 'on-call', namespace: 'apps' }, spec: { providerRef: { name: 'gitea' }, eventSources: [{ kind: 'Kustomization', name: '*' }] } };
const provider: ProviderObject = { apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider', metadata: { name: 'gitea', namespace: 'apps', uid: '0c9c2e41-aaaa-bbbb-cccc-dddddddddddd', generation: 3 }, spec: { type: 'gitea' } };

describe('commitStatusExpr', () => {
  it('GIVEN the documented style of expression WHEN evaluated THEN it reads event, alert and provider', () => {
    const expr = "(event.involvedObject.kind + '/' + event.involvedObject.name + '/' + event.metadata.env + '/' + alert.metadata.name + '/' + provider.metadata.uid.split('-')[0]).lowerAscii()";
    assert.equal(evaluateCommitStatusExpr(expr, processedEvent(), alert, provider), 'kustomization/webapp/prod-eu/on-call/0c9c2e41');
  });

  it('GIVEN integral numbers in an object WHEN compared with an int THEN they are CEL ints', () => {
    assert.equal(evaluateCommitStatusExpr("provider.metadata.generation + 1 == 4 ? 'four' : 'other'", processedEvent(), alert, provider), 'four');
  });

  it('GIVEN an expression that does not parse WHEN evaluated THEN a compile error naming it', () => {
    assert.throws(() => evaluateCommitStatusExpr('event.(', processedEvent(), alert, provider), /failed to compile commitStatusExpr 'event\.\('/);
  });

  it('GIVEN an expression that reads a missing key, or yields no string WHEN evaluated THEN a clear error', () => {
    assert.throws(() => evaluateCommitStatusExpr('event.metadata.nope', processedEvent(), alert, provider), /failed to evaluate commitStatusExpr 'event\.metadata\.nope'/);
    assert.throws(() => evaluateCommitStatusExpr('1 + 1', processedEvent(), alert, provider), /must evaluate to a string/);
    assert.throws(() => evaluateCommitStatusExpr("''", processedEvent(), alert, provider), /empty commit status/);
  });
});
