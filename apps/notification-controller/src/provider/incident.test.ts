import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processedEvent, settings } from '../test-events.ts';
import { datadogRequest, incidentioRequest, opsgenieRequest } from './incident.ts';

const revision = 'main@sha1:731f7eaddfb6af01cb2173e18f0f75b0ba780ef1';

describe('opsgenie', () => {
  it('GIVEN an event WHEN built THEN kind/name as the message, the metadata plus severity as details, GenieKey auth', () => {
    const r = opsgenieRequest(processedEvent(), settings({ type: 'opsgenie', address: 'https://api.opsgenie.com/v2/alerts', token: 'genie' }));
    assert.equal(r.url, 'https://api.opsgenie.com/v2/alerts');
    assert.equal(r.headers['Authorization'], 'GenieKey genie');
    assert.equal(r.body, JSON.stringify({ message: 'Kustomization/webapp', description: 'Health check failed', details: { env: 'prod-eu', revision, severity: 'error', summary: 'prod' } }));
    assert.throws(() => opsgenieRequest(processedEvent(), settings({ type: 'opsgenie', address: 'https://api.opsgenie.com/v2/alerts' })), /needs an Opsgenie API key/);
  });
});

describe('incident.io', () => {
  it('GIVEN an error and an info event WHEN built THEN firing and resolved alerts deduplicated by the UID, Bearer auth', () => {
    const s = settings({ type: 'incident.io', address: 'https://api.incident.io/v2/alert_events/http/abc', token: 'inc' });
    const firing = incidentioRequest(processedEvent(), s)!;
    assert.equal(firing.headers['Authorization'], 'Bearer inc');
    assert.equal(
      firing.body,
      JSON.stringify({
        title: 'kustomization/webapp.apps: HealthCheckFailed',
        status: 'firing',
        deduplication_key: '7d0c4a2e-1111-2222-3333-444455556666',
        description: 'Health check failed',
        metadata: { env: 'prod-eu', reason: 'HealthCheckFailed', reportingController: 'kustomize-controller', revision, severity: 'error', summary: 'prod' },
      }),
    );
    assert.equal(JSON.parse(incidentioRequest(processedEvent({ severity: 'info', reason: 'ReconciliationSucceeded' }), s)!.body!).status, 'resolved');
    assert.equal(incidentioRequest(processedEvent({ reason: 'Progressing' }), s), undefined);
  });
});

describe('datadog', () => {
  it('GIVEN an event WHEN built THEN the v1 Events API on the address host, DD-API-KEY, lower-cased tags, sorted keys', () => {
    const r = datadogRequest(processedEvent(), settings({ type: 'datadog', address: 'https://api.datadoghq.eu/whatever', token: 'dd-key' }));
    assert.equal(r.url, 'https://api.datadoghq.eu/api/v1/events');
    assert.equal(r.headers['DD-API-KEY'], 'dd-key');
    assert.equal(
      r.body,
      JSON.stringify({
        alert_type: 'error',
        date_happened: 1666941979,
        source_type_name: 'fluxcd',
        tags: ['flux_reporting_controller:kustomize-controller', 'flux_reason:healthcheckfailed', 'kube_kind:kustomization', 'kube_name:webapp', 'kube_namespace:apps', 'env:prod-eu', `revision:${revision}`, 'summary:prod'],
        text: 'Health check failed',
        title: 'Events from the Kustomization webapp/apps',
      }),
    );
    assert.throws(() => datadogRequest(processedEvent(), settings({ type: 'datadog', address: 'https://api.datadoghq.com' })), /Datadog API key/);
  });
});
