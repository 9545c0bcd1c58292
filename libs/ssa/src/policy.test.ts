import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '@conflux/runtime';
import { isApplyExcluded, isForceEnabled, isIfNotPresent, isMerge, isPruneExcluded } from './policy.ts';

const withMeta = (annotations: Record<string, string> = {}, labels: Record<string, string> = {}): KubeObject => ({ metadata: { name: 'x', annotations, labels } });

describe('policies', () => {
  it('GIVEN policy values in any case, on annotations or labels WHEN read THEN they match', () => {
    assert.equal(isApplyExcluded(withMeta({ 'kustomize.toolkit.fluxcd.io/ssa': 'ignore' })), true);
    assert.equal(isApplyExcluded(withMeta({}, { 'kustomize.toolkit.fluxcd.io/reconcile': 'Disabled' })), true);
    assert.equal(isIfNotPresent(withMeta({ 'kustomize.toolkit.fluxcd.io/ssa': 'ifnotpresent' })), true);
    assert.equal(isMerge(withMeta({ 'kustomize.toolkit.fluxcd.io/ssa': 'Merge' })), true);
    assert.equal(isForceEnabled(withMeta({ 'kustomize.toolkit.fluxcd.io/force': 'ENABLED' })), true);
  });

  it('GIVEN prune: disabled, reconcile: disabled or ssa: Ignore WHEN pruning THEN the object is excluded, and IfNotPresent is not', () => {
    assert.equal(isPruneExcluded(withMeta({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' })), true);
    assert.equal(isPruneExcluded(withMeta({ 'kustomize.toolkit.fluxcd.io/ssa': 'Ignore' })), true);
    assert.equal(isPruneExcluded(withMeta({ 'kustomize.toolkit.fluxcd.io/ssa': 'IfNotPresent' })), false);
    assert.equal(isPruneExcluded(withMeta()), false);
    assert.equal(isPruneExcluded(undefined), false);
  });
});
