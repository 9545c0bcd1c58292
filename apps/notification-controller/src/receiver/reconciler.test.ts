// The reconciler's terminal verdicts on specs the API server would refuse under today's CRD but may hold
// from an older one. Neither reads the API, so a request built here drives the reconciler directly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeClient } from '@conflux/runtime';
import { receiverReconciler, type ReceiverObject } from './reconciler.ts';

function request(spec: ReceiverObject['spec']) {
  const object: ReceiverObject = { apiVersion: 'notification.toolkit.fluxcd.io/v1', kind: 'Receiver', metadata: { name: 'r', namespace: 'ns' }, spec };
  return {
    object,
    status: { webhookPath: '/hook/stale' } as Record<string, unknown>,
    setCondition: () => assert.fail('no condition is set by hand on a terminal verdict'),
    removeCondition: () => undefined,
    reconcileID: 'test',
    signal: new AbortController().signal,
    event: () => undefined,
    readyTouched: () => false,
  };
}

// The client would only be used to read a Secret, which a terminal verdict comes before.
const reconciler = receiverReconciler({ client: {} as KubeClient });
const oidc = { issuerURL: 'https://issuer.example.com', validations: [{ expression: "claims.sub == 'ci'", message: 'ci only' }] };

describe('the Receiver reconciler on invalid generic-oidc specs', () => {
  test('GIVEN a generic-oidc Receiver with a secretRef WHEN reconciled THEN Stalled with ValidationFailed and the path cleared', async () => {
    const r = request({ type: 'generic-oidc', secretRef: { name: 's' }, oidcProviders: [oidc], resources: [] });
    const result = await reconciler.reconcile(r as never);
    assert.equal(result.outcome, 'stalled');
    assert.equal((result as { reason: string }).reason, 'ValidationFailed');
    assert.match((result as { message: string }).message, /^Reconciliation failed terminally due to configuration error: spec.secretRef must not be set/);
    assert.equal(r.status['webhookPath'], undefined);
  });

  test('GIVEN a generic-oidc Receiver without oidcProviders WHEN reconciled THEN Stalled with ValidationFailed', async () => {
    const result = await reconciler.reconcile(request({ type: 'generic-oidc', resources: [] }) as never);
    assert.deepEqual([result.outcome, (result as { reason: string }).reason], ['stalled', 'ValidationFailed']);
  });

  test('GIVEN a variable reading an undeclared name WHEN reconciled THEN Stalled with InvalidCELExpression', async () => {
    const result = await reconciler.reconcile(request({ type: 'generic-oidc', oidcProviders: [{ ...oidc, variables: [{ name: 'x', expression: 'res.metadata' }] }], resources: [] }) as never);
    assert.deepEqual([result.outcome, (result as { reason: string }).reason], ['stalled', 'InvalidCELExpression']);
  });
});
