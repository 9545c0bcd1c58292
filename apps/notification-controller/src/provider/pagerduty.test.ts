import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { pagerDutyRequests } from './pagerduty.ts';

const s = settings({ type: 'pagerduty', address: 'https://events.pagerduty.com/any/path?x=1', channel: 'routing-key' });
const uid = '7d0c4a2e-1111-2222-3333-444455556666';

describe('pagerduty', () => {
  it('GIVEN an error event WHEN built THEN one trigger on <scheme://host>/v2/enqueue, deduplicated by the object UID', () => {
    const requests = pagerDutyRequests(processedEvent(), s);
    assert.equal(requests.length, 1);
    const [r] = requests;
    assert.equal(r!.method, 'POST');
    assert.equal(r!.url, 'https://events.pagerduty.com/v2/enqueue');
    assert.equal(r!.headers['Content-Type'], 'application/json');
    assert.equal(
      r!.body,
      JSON.stringify({
        routing_key: 'routing-key',
        event_action: 'trigger',
        dedup_key: uid,
        payload: {
          summary: 'health check failed: kustomization/webapp',
          source: 'Flux kustomize-controller',
          severity: 'error',
          timestamp: '2022-10-28T07:26:19Z',
          component: 'webapp',
          group: 'Kustomization',
          custom_details: { message: 'Health check failed', metadata: { env: 'prod-eu', revision: 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1', summary: 'prod' } },
        },
      }),
    );
  });

  it('GIVEN an info event WHEN built THEN a resolve of that incident, then a change event', () => {
    const [resolve, change] = pagerDutyRequests(processedEvent({ severity: 'info', reason: 'ReconciliationSucceeded', metadata: {} }), s);
    assert.equal(resolve!.body, JSON.stringify({ routing_key: 'routing-key', event_action: 'resolve', dedup_key: uid }));
    assert.equal(change!.url, 'https://events.pagerduty.com/v2/change/enqueue');
    assert.equal(change!.body, JSON.stringify({ routing_key: 'routing-key', payload: { source: 'Flux kustomize-controller', summary: 'reconciliation succeeded: kustomization/webapp', timestamp: '2022-10-28T07:26:19Z', custom_details: { message: 'Health check failed', metadata: {} } } }));
  });

  it('GIVEN a Progressing event WHEN built THEN nothing is sent', () => {
    assert.deepEqual(pagerDutyRequests(processedEvent({ reason: 'Progressing' }), s), []);
  });
});
