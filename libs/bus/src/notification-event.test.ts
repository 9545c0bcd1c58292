import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { PayloadErrorCode } from './errors.ts';
import { decodeNotificationEvent, encodeNotificationEvent, eventMessageId, eventRef } from './notification-event.ts';
import { sampleEvent } from './test-fixtures.ts';


describe('notification events', () => {
  it('GIVEN an upstream-shaped event WHEN encoded and decoded THEN it is unchanged', () => {
    const event = sampleEvent();
    assert.deepEqual(decodeNotificationEvent(encodeNotificationEvent(event)), { ok: true, value: event });
  });

  it('GIVEN an event WHEN its message id is computed THEN it is upstream\'s rate-limit key', () => {
    const expected = createHash('sha256')
      .update(['event', 'name=apps', 'namespace=flux-system', 'kind=Kustomization', `message=${sampleEvent().message}`, 'revision=main@sha1:4f3c'].join('/'))
      .digest('hex');
    assert.equal(eventMessageId(sampleEvent()), expected);
  });

  it('GIVEN the same event from two replicas at different times WHEN ids are computed THEN they are equal', () => {
    const a = sampleEvent();
    const b = sampleEvent({ timestamp: '2026-01-02T03:04:09Z', reportingInstance: 'kustomize-controller-7d9f-zzzzz', severity: 'info', reason: 'Other' });
    assert.equal(eventMessageId(a), eventMessageId(b));
  });

  it('GIVEN events that differ in object, message, revision or token WHEN ids are computed THEN each differs', () => {
    const base = eventMessageId(sampleEvent());
    const variants = [
      sampleEvent({ message: 'another failure' }),
      sampleEvent({ involvedObject: { ...sampleEvent().involvedObject, name: 'infra' } }),
      sampleEvent({ metadata: { 'kustomize.toolkit.fluxcd.io/revision': 'main@sha1:9999' } }),
      sampleEvent({ metadata: { ...sampleEvent().metadata, 'kustomize.toolkit.fluxcd.io/token': 't' } }),
      sampleEvent({ metadata: { ...sampleEvent().metadata, 'kustomize.toolkit.fluxcd.io/originRevision': 'o' } }),
    ];
    const ids = new Set(variants.map(eventMessageId));
    assert.equal(ids.size, variants.length);
    assert.ok(!ids.has(base));
  });

  it('GIVEN an event WHEN its subject reference is taken THEN the group comes from the involved object\'s apiVersion', () => {
    assert.deepEqual(eventRef(sampleEvent()), { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', namespace: 'flux-system', name: 'apps' });
  });

  it('GIVEN malformed events WHEN decoded THEN each returns a typed error', () => {
    assert.equal(decodeNotificationEvent('nope').ok, false);
    const cases: [unknown, string][] = [
      [{ ...sampleEvent(), involvedObject: { kind: 'Kustomization', name: 'apps' } }, 'involvedObject.namespace'],
      [{ ...sampleEvent(), severity: 'critical' }, 'severity'],
      [{ ...sampleEvent(), metadata: { a: 1 } }, 'metadata.a'],
      [{ ...sampleEvent(), timestamp: 12 }, 'timestamp'],
    ];
    for (const [body, field] of cases) {
      const decoded = decodeNotificationEvent(JSON.stringify(body));
      assert.equal(decoded.ok, false);
      if (!decoded.ok) {
        assert.equal(decoded.error.code, PayloadErrorCode.InvalidField);
        assert.equal(decoded.error.field, field);
      }
    }
  });
});
