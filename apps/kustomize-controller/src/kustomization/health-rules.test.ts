import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { computeStatus } from '@conflux/ssa';
import { compileHealthRules } from './health-rules.ts';
import { loadCel } from '@conflux/cel';

// The engine loads on first use in the controller (checkSpec); these tests compile directly.
await loadCel();

const widget = (status: Record<string, unknown> | undefined, generation = 1, kind = 'Widget'): KubeObject => ({
  apiVersion: 'example.dev/v1',
  kind,
  metadata: { name: 'w', namespace: 'apps', generation },
  ...(status ? { status } : {}),
});

const phaseRules = compileHealthRules([
  { apiVersion: 'example.dev/v1', kind: 'Widget', current: "status.phase == 'Running'", failed: "status.phase == 'Crashed'", inProgress: "status.phase == 'Starting'" },
]);

describe('compileHealthRules', () => {
  it('GIVEN a Widget with no conditions WHEN no expression covers it THEN kstatus says Current, but the CEL rule for its kind cannot read it yet', () => {
    assert.equal(computeStatus(widget({})).status, 'Current');
    assert.throws(() => phaseRules.statusOf(widget({})), /failed to evaluate the CEL expression 'status.phase == 'Starting'': field not found: phase/);
  });

  it('GIVEN each phase THEN inProgress, failed and current decide in that order, and nothing holding is InProgress', () => {
    assert.equal(phaseRules.statusOf(widget({ phase: 'Starting' }))?.status, 'InProgress');
    assert.equal(phaseRules.statusOf(widget({ phase: 'Crashed' }))?.status, 'Failed');
    assert.equal(phaseRules.statusOf(widget({ phase: 'Running' }))?.status, 'Current');
    assert.equal(phaseRules.statusOf(widget({ phase: 'Paused' }))?.status, 'InProgress');
  });

  it('GIVEN a generation not observed yet THEN it is InProgress whatever the expressions say', () => {
    assert.equal(phaseRules.statusOf(widget({ phase: 'Running', observedGeneration: 1 }, 2))?.status, 'InProgress');
    assert.equal(phaseRules.statusOf(widget({ phase: 'Running', observedGeneration: 2 }, 2))?.status, 'Current');
  });

  it('GIVEN another kind or group THEN the rules stay silent and kstatus decides', () => {
    assert.equal(phaseRules.statusOf(widget({ phase: 'Crashed' }, 1, 'Gadget')), undefined);
    assert.equal(phaseRules.statusOf({ ...widget({ phase: 'Crashed' }), apiVersion: 'other.dev/v1' }), undefined);
  });

  it('GIVEN a group-wide entry and a kind entry THEN the kind entry wins and the group entry covers the other kinds', () => {
    const rules = compileHealthRules([
      { apiVersion: 'example.dev/v1', current: "status.phase == 'Up'" },
      { apiVersion: 'example.dev/v2', kind: 'Widget', current: "status.phase == 'Running'" },
    ]);
    assert.equal(rules.statusOf(widget({ phase: 'Running' }))?.status, 'Current');
    assert.equal(rules.statusOf(widget({ phase: 'Up' }))?.status, 'InProgress');
    assert.equal(rules.statusOf(widget({ phase: 'Up' }, 1, 'Gadget'))?.status, 'Current');
  });

  it('GIVEN two entries for the same kind, a missing current or a syntax error THEN compiling fails naming the entry', () => {
    assert.throws(() => compileHealthRules([
      { apiVersion: 'example.dev/v1', kind: 'Widget', current: 'true' },
      { apiVersion: 'example.dev/v2', kind: 'Widget', current: 'true' },
    ]), /duplicate custom health check for GroupKind Widget.example.dev at healthCheckExprs\[1\]/);
    assert.throws(() => compileHealthRules([{ apiVersion: 'example.dev/v1', kind: 'Widget', current: '' }]), /healthCheckExprs\[0\]: expression current not specified/);
    assert.throws(() => compileHealthRules([{ apiVersion: 'example.dev/v1', kind: 'Widget', current: 'true', failed: 'status.phase ==' }]), /healthCheckExprs\[0\]: failed to parse the expression failed/);
  });
});
