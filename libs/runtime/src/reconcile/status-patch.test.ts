import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Condition } from './conditions.ts';
import { rebaseStatus, type Status, statusPatch } from './status-patch.ts';

const cond = (type: string, status: Condition['status'], reason = 'R'): Condition => ({ type, status, reason, message: '', lastTransitionTime: '2026-11-26T00:00:00Z' });

describe('status patches', () => {
  it('GIVEN a reconcile that changed one field and removed another WHEN diffed THEN the patch holds just those, removal as null', () => {
    const before: Status = { observedGeneration: 1, artifact: { revision: 'a' }, url: 'x' };
    const after: Status = { observedGeneration: 2, artifact: { revision: 'a' } };
    assert.deepEqual(statusPatch(before, after), { observedGeneration: 2, url: null });
    assert.equal(statusPatch(after, structuredClone(after)), undefined);
  });

  it('GIVEN another writer added a condition and a field meanwhile WHEN rebased THEN ours win for what we changed and theirs are kept', () => {
    const before: Status = { observedGeneration: 1, conditions: [cond('Ready', 'Unknown')] };
    const after: Status = { observedGeneration: 2, conditions: [cond('Ready', 'True')] };
    const latest: Status = { observedGeneration: 1, other: 'theirs', conditions: [cond('Ready', 'Unknown'), cond('Healthy', 'True')] };
    assert.deepEqual(rebaseStatus(before, after, latest), {
      observedGeneration: 2,
      other: 'theirs',
      conditions: [cond('Ready', 'True'), cond('Healthy', 'True')],
    });
  });

  it('GIVEN a condition we did not touch WHEN another writer changed it THEN the rebase keeps their version', () => {
    const before: Status = { conditions: [cond('Ready', 'True'), cond('Healthy', 'True')] };
    const after: Status = { conditions: [cond('Ready', 'False'), cond('Healthy', 'True')] };
    const latest: Status = { conditions: [cond('Ready', 'True'), cond('Healthy', 'False')] };
    assert.deepEqual(rebaseStatus(before, after, latest).conditions, [cond('Ready', 'False'), cond('Healthy', 'False')]);
  });
});
