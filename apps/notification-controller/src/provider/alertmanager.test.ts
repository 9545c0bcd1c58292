import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commitSHA, processedEvent, settings } from '../test-events.ts';
import { alertmanagerRequest } from './alertmanager.ts';

describe('alertmanager', () => {
  it('GIVEN the worked example WHEN built THEN one firing alert: metadata minus summary as labels, message and summary as annotations', () => {
    const req = alertmanagerRequest(processedEvent(), settings({ type: 'alertmanager', address: 'https://am.example.com/api/v2/alerts/', token: 't' }));
    assert.equal(req.method, 'POST');
    assert.equal(req.url, 'https://am.example.com/api/v2/alerts/');
    assert.equal(req.headers['Authorization'], 'Bearer t');
    assert.equal(
      req.body,
      JSON.stringify([
        {
          status: 'firing',
          labels: { alertname: 'FluxKustomizationHealthcheckfailed', env: 'prod-eu', kind: 'Kustomization', name: 'webapp', namespace: 'apps', reason: 'HealthCheckFailed', reportingcontroller: 'kustomize-controller', revision: `main@sha1:${commitSHA}`, severity: 'error' },
          annotations: { message: 'Health check failed', summary: 'prod' },
          startsAt: '2022-10-28T07:26:19Z',
          endsAt: '0001-01-01T00:00:00Z',
        },
      ]),
    );
  });

  it('GIVEN username and password but no token WHEN built THEN Basic auth', () => {
    const req = alertmanagerRequest(processedEvent(), settings({ type: 'alertmanager', address: 'https://am.example.com/api/v2/alerts', username: 'u', password: 'p' }));
    assert.equal(req.headers['Authorization'], `Basic ${Buffer.from('u:p').toString('base64')}`);
  });
});
