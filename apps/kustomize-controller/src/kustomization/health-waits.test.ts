import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HealthWaits } from './health-waits.ts';

describe('HealthWaits', () => {
  it('GIVEN a wait at revision A WHEN revision B arrives THEN the wait is aborted with the new revision as the reason', () => {
    const waits = new HealthWaits();
    const wait = waits.begin('apps/podinfo', 'main@sha1:a', 1);
    assert.equal(waits.cancelStale('apps/podinfo', { revision: 'main@sha1:b' }), true);
    assert.equal(wait.signal.aborted, true);
    assert.match(String((wait.signal.reason as Error).message), /new revision main@sha1:b detected/);
  });

  it('GIVEN a wait at revision A WHEN A is announced again THEN nothing is canceled', () => {
    const waits = new HealthWaits();
    const wait = waits.begin('apps/podinfo', 'main@sha1:a', 1);
    assert.equal(waits.cancelStale('apps/podinfo', { revision: 'main@sha1:a', generation: 1 }), false);
    assert.equal(wait.signal.aborted, false);
  });

  it('GIVEN a wait WHEN the Kustomization gets a new generation THEN the wait is canceled', () => {
    const waits = new HealthWaits();
    const wait = waits.begin('apps/podinfo', 'r', 1);
    assert.equal(waits.cancelStale('apps/podinfo', { generation: 2 }), true);
    assert.equal(wait.signal.aborted, true);
  });

  it('GIVEN a finished wait WHEN a new revision arrives THEN there is nothing to cancel', () => {
    const waits = new HealthWaits();
    waits.begin('apps/podinfo', 'r', 1).end();
    assert.equal(waits.cancelStale('apps/podinfo', { revision: 'other' }), false);
    assert.equal(waits.size, 0);
  });
});
