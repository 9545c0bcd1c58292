import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kustomizationEvent } from '../test-events.ts';
import { parseEvent } from './parse.ts';

describe('parseEvent', () => {
  it('GIVEN an upstream event body WHEN parsed THEN every field comes through', () => {
    const event = kustomizationEvent();
    const parsed = parseEvent(JSON.stringify(event));
    assert.deepEqual(parsed, { ok: true, event });
  });

  it('GIVEN a body that is not JSON WHEN parsed THEN it is refused', () => {
    assert.equal(parseEvent('{not json').ok, false);
    assert.equal(parseEvent('[]').ok, false);
  });

  for (const field of ['involvedObject', 'severity', 'timestamp', 'message', 'reason', 'reportingController'] as const) {
    it(`GIVEN an event without ${field} WHEN parsed THEN it is refused`, () => {
      const { [field]: _gone, ...rest } = kustomizationEvent();
      assert.equal(parseEvent(JSON.stringify(rest)).ok, false);
    });
  }

  for (const field of ['kind', 'name', 'namespace'] as const) {
    it(`GIVEN an involved object without ${field} WHEN parsed THEN it is refused, as upstream producers never send one`, () => {
      const event = kustomizationEvent();
      const { [field]: _gone, ...io } = event.involvedObject;
      assert.equal(parseEvent(JSON.stringify({ ...event, involvedObject: io })).ok, false);
    });
  }

  it('GIVEN a timestamp that is not a time or metadata that is not strings WHEN parsed THEN it is refused', () => {
    assert.equal(parseEvent(JSON.stringify(kustomizationEvent({ timestamp: 'yesterday' }))).ok, false);
    assert.equal(parseEvent(JSON.stringify({ ...kustomizationEvent(), metadata: { a: 1 } })).ok, false);
  });
});
