import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BusPayloadError, PayloadErrorCode } from './errors.ts';
import { decodeReadiness, encodeReadiness } from './payload.ts';
import { sampleReadiness } from './test-fixtures.ts';


function decodeError(body: string): BusPayloadError {
  const decoded = decodeReadiness(body);
  assert.equal(decoded.ok, false, `expected ${body} to be rejected`);
  return (decoded as { ok: false; error: BusPayloadError }).error;
}

describe('readiness payload', () => {
  it('GIVEN a full event WHEN encoded and decoded THEN the same event comes back', () => {
    const event = sampleReadiness({ lastAppliedRevision: 'main@sha1:4f3c' });
    assert.deepEqual(decodeReadiness(encodeReadiness(event)), { ok: true, value: event });
  });

  it('GIVEN a minimal event without optional fields WHEN round-tripped THEN no optional field appears', () => {
    const { observedGeneration: _o, revision: _r, artifact: _a, ...minimal } = sampleReadiness();
    const decoded = decodeReadiness(encodeReadiness(minimal));
    assert.deepEqual(decoded, { ok: true, value: minimal });
  });

  it('GIVEN a body that is not JSON WHEN decoded THEN an InvalidJSON error is returned, not thrown', () => {
    assert.equal(decodeError('{not json').code, PayloadErrorCode.InvalidJSON);
  });

  it('GIVEN a newer schema version WHEN decoded THEN UnsupportedVersion is returned', () => {
    const error = decodeError(JSON.stringify({ ...sampleReadiness(), v: 2 }));
    assert.equal(error.code, PayloadErrorCode.UnsupportedVersion);
    assert.equal(error.field, 'v');
    assert.equal(decodeError(JSON.stringify({ ...sampleReadiness(), v: undefined })).code, PayloadErrorCode.UnsupportedVersion);
  });

  it('GIVEN wrong or missing fields WHEN decoded THEN InvalidField names the field', () => {
    const cases: [unknown, string][] = [
      [{ ...sampleReadiness(), name: '' }, 'name'],
      [{ ...sampleReadiness(), uid: undefined }, 'uid'],
      [{ ...sampleReadiness(), generation: -1 }, 'generation'],
      [{ ...sampleReadiness(), generation: 1.5 }, 'generation'],
      [{ ...sampleReadiness(), ready: { status: 'Yes', reason: '', message: '' } }, 'ready.status'],
      [{ ...sampleReadiness(), ready: 'True' }, 'ready'],
      [{ ...sampleReadiness(), timestamp: 'yesterday' }, 'timestamp'],
      [{ ...sampleReadiness(), artifact: { ...sampleReadiness().artifact, digest: 7 } }, 'artifact.digest'],
      [{ ...sampleReadiness(), artifact: { ...sampleReadiness().artifact, size: '1k' } }, 'artifact.size'],
      [[sampleReadiness()], ''],
    ];
    for (const [body, field] of cases) {
      const error = decodeError(JSON.stringify(body));
      assert.equal(error.code, PayloadErrorCode.InvalidField, JSON.stringify(body));
      if (field) assert.equal(error.field, field);
    }
  });

  it('GIVEN a v1 event from a newer producer with extra fields WHEN decoded THEN it is accepted and the extras are dropped', () => {
    const decoded = decodeReadiness(JSON.stringify({ ...sampleReadiness(), futureField: { x: 1 } }));
    assert.deepEqual(decoded, { ok: true, value: sampleReadiness() });
  });

  it('GIVEN an invalid event WHEN a producer encodes it THEN it throws a BusPayloadError at the producer', () => {
    assert.throws(() => encodeReadiness({ ...sampleReadiness(), kind: '' }), (err: unknown) => err instanceof BusPayloadError && err.field === 'kind');
  });
});
