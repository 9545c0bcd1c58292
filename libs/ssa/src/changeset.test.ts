import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appliedRefs, type ChangeAction, changeSetEntry, changeSetLog, formatChangeSet, hasChanges } from './changeset.ts';

const entry = (kind: string, namespace: string, name: string, action: ChangeAction) => changeSetEntry({ group: '', version: 'v1', kind, namespace, name }, action);

describe('formatChangeSet', () => {
  const cs = {
    entries: [
      entry('Service', 'default', 'podinfo', 'created'),
      entry('ConfigMap', 'default', 'cfg', 'unchanged'),
      entry('Deployment', 'default', 'podinfo', 'configured'),
      entry('Namespace', '', 'apps', 'skipped'),
    ],
  };

  it('GIVEN a change set WHEN formatted for the apply event THEN only what changed is listed, one per line', () => {
    assert.equal(formatChangeSet(cs), 'Service/default/podinfo created\nDeployment/default/podinfo configured');
  });

  it('GIVEN a change set WHEN formatted with unchanged entries THEN every entry is listed', () => {
    assert.equal(formatChangeSet(cs, { includeUnchanged: true }).split('\n').length, 4);
    assert.match(formatChangeSet(cs, { includeUnchanged: true }), /^Namespace\/apps skipped$/m);
  });

  it('GIVEN change sets WHEN asked whether anything changed THEN only writes count', () => {
    assert.equal(hasChanges(cs), true);
    assert.equal(hasChanges({ entries: [entry('ConfigMap', 'a', 'b', 'unchanged'), entry('ConfigMap', 'a', 'c', 'skipped')] }), false);
    assert.deepEqual(changeSetLog({ entries: [entry('ConfigMap', 'a', 'b', 'deleted')] }), { 'ConfigMap/a/b': 'deleted' });
  });
});

describe('appliedRefs', () => {
  it('GIVEN a change set WHEN choosing what to health-check THEN skipped and deleted entries are left out', () => {
    const cs = { entries: [entry('ConfigMap', 'a', 'x', 'created'), entry('ConfigMap', 'a', 'y', 'skipped'), entry('ConfigMap', 'a', 'z', 'unchanged'), entry('ConfigMap', 'a', 'w', 'deleted')] };
    assert.deepEqual(appliedRefs(cs).map((r) => r.name), ['x', 'z']);
  });
});
