import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Condition, conditionTime, maxConditionMessage, removeCondition, setCondition } from './conditions.ts';

const t0 = new Date('2026-11-26T10:00:00.123Z');
const t1 = new Date('2026-11-26T10:05:00.456Z');

describe('conditions', () => {
  it('GIVEN a time WHEN formatted THEN it is UTC without fractional seconds', () => {
    assert.equal(conditionTime(t0), '2026-11-26T10:00:00Z');
  });

  it('GIVEN an unchanged outcome WHEN set again THEN lastTransitionTime stays and observedGeneration moves', () => {
    const list: Condition[] = [];
    setCondition(list, { type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok' }, 1, t0);
    setCondition(list, { type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok' }, 2, t1);
    assert.deepEqual(list, [{ type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok', observedGeneration: 2, lastTransitionTime: '2026-11-26T10:00:00Z' }]);
  });

  it('GIVEN a new message WHEN set THEN lastTransitionTime moves', () => {
    const list: Condition[] = [];
    setCondition(list, { type: 'Ready', status: 'False', reason: 'Failed', message: 'a' }, 1, t0);
    setCondition(list, { type: 'Ready', status: 'False', reason: 'Failed', message: 'b' }, 1, t1);
    assert.equal(list[0]?.lastTransitionTime, '2026-11-26T10:05:00Z');
  });

  it('GIVEN conditions set in any order WHEN sorted THEN Stalled, Reconciling, Ready lead and the rest follow by type', () => {
    const list: Condition[] = [];
    for (const type of ['FetchFailed', 'Ready', 'ArtifactInStorage', 'Reconciling', 'Stalled']) {
      setCondition(list, { type, status: 'True', reason: 'R', message: '' }, 1, t0);
    }
    assert.deepEqual(list.map((c) => c.type), ['Stalled', 'Reconciling', 'Ready', 'ArtifactInStorage', 'FetchFailed']);
    removeCondition(list, 'Reconciling');
    assert.deepEqual(list.map((c) => c.type), ['Stalled', 'Ready', 'ArtifactInStorage', 'FetchFailed']);
  });

  it('GIVEN a huge message WHEN set THEN it is trimmed to upstream\'s limit', () => {
    const list: Condition[] = [];
    setCondition(list, { type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'x'.repeat(40000) }, 1, t0);
    assert.equal(list[0]?.message.length, maxConditionMessage);
  });
});
