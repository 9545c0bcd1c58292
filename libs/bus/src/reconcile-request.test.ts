// The reconcile request payload: what a producer may send and what a consumer accepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BusPayloadError, PayloadErrorCode } from './errors.ts';
import { decodeReconcileRequest, encodeReconcileRequest, requesterOf } from './reconcile-request.ts';
import { SubjectRoot, kindFilter, parseSubject, subjectFor } from './subjects.ts';
import { sampleReconcileRequest } from './test-fixtures.ts';

function decodeError(body: string): BusPayloadError {
  const decoded = decodeReconcileRequest(body);
  assert.equal(decoded.ok, false, `expected ${body} to be rejected`);
  return (decoded as { ok: false; error: BusPayloadError }).error;
}

describe('reconcile request payload', () => {
  it('GIVEN a request WHEN encoded and decoded THEN the same request comes back', () => {
    const request = sampleReconcileRequest();
    assert.deepEqual(decodeReconcileRequest(encodeReconcileRequest(request)), { ok: true, value: request });
  });

  it('GIVEN a request from a newer producer with an extra field WHEN decoded THEN the field is dropped and the rest kept', () => {
    const decoded = decodeReconcileRequest(JSON.stringify({ ...sampleReconcileRequest(), priority: 'high' }));
    assert.deepEqual(decoded, { ok: true, value: sampleReconcileRequest() });
  });

  it('GIVEN a body that is not JSON, or a newer schema version WHEN decoded THEN a typed error is returned, not thrown', () => {
    assert.equal(decodeError('{not json').code, PayloadErrorCode.InvalidJSON);
    const version = decodeError(JSON.stringify({ ...sampleReconcileRequest(), v: 2 }));
    assert.equal(version.code, PayloadErrorCode.UnsupportedVersion);
    assert.equal(version.field, 'v');
  });

  it('GIVEN missing or wrong fields WHEN decoded THEN InvalidField names each one', () => {
    const cases: [unknown, string][] = [
      [{ ...sampleReconcileRequest(), requestedAt: '' }, 'requestedAt'],
      [{ ...sampleReconcileRequest(), requestedBy: undefined }, 'requestedBy'],
      [{ ...sampleReconcileRequest(), name: 7 }, 'name'],
      [{ ...sampleReconcileRequest(), timestamp: 'yesterday' }, 'timestamp'],
      [{ ...sampleReconcileRequest(), kind: '' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const error = decodeError(JSON.stringify(body));
      assert.equal(error.code, PayloadErrorCode.InvalidField, field);
      assert.equal(error.field, field);
    }
    assert.equal(decodeError('[]').code, PayloadErrorCode.InvalidField);
  });

  it('GIVEN an invalid request WHEN a producer encodes it THEN encoding throws at the producer', () => {
    assert.throws(() => encodeReconcileRequest({ ...sampleReconcileRequest(), requestedAt: '' }), BusPayloadError);
  });

  it('GIVEN the asking object WHEN requesterOf is called THEN it names Kind/namespace/name, or Kind/name without a namespace', () => {
    assert.equal(requesterOf({ kind: 'Receiver', namespace: 'flux-system', name: 'gitea' }), 'Receiver/flux-system/gitea');
    assert.equal(requesterOf({ kind: 'ClusterThing', name: 'x' }), 'ClusterThing/x');
  });

  it('GIVEN an object with dots in its name WHEN its reconcile subject is built THEN it lives under conflux.v1.reconcile with readiness-style tokens, and a kind filter covers it', () => {
    const ref = { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo.v2' };
    const subject = subjectFor(ref, SubjectRoot.reconcile);
    assert.equal(subject, 'conflux.v1.reconcile.source_2Etoolkit_2Efluxcd_2Eio.GitRepository.flux-system.podinfo_2Ev2');
    assert.deepEqual(parseSubject(subject, SubjectRoot.reconcile), ref);
    assert.equal(parseSubject(subject, SubjectRoot.ready), undefined, 'a reconcile subject is not a readiness subject');
    assert.equal(kindFilter(ref, SubjectRoot.reconcile), 'conflux.v1.reconcile.source_2Etoolkit_2Efluxcd_2Eio.GitRepository.>');
  });
});
