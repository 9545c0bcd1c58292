import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from '../resource.ts';
import { applyBuildMetadata } from './buildmetadata.ts';

const cm = (annotations: Record<string, string>): Resource => ({ obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations } }, previous: [] });

describe('build metadata', () => {
  it('GIVEN bookkeeping annotations in the input WHEN finished THEN they are removed and an emptied map goes too', () => {
    const a = cm({ 'config.kubernetes.io/path': 'x', 'internal.config.kubernetes.io/previousNames': 'y', 'internal.config.kubernetes.io/other': 'kept' });
    const b = cm({ 'config.kubernetes.io/index': '0', 'config.kubernetes.io/origin': 'o' });
    applyBuildMetadata([a, b], [], '/', 'kustomization.yaml');
    assert.deepEqual((a.obj['metadata'] as Record<string, unknown>)['annotations'], { 'internal.config.kubernetes.io/other': 'kept' });
    assert.equal((b.obj['metadata'] as Record<string, unknown>)['annotations'], undefined);
  });
  it('GIVEN recorded transformers WHEN transformerAnnotations is asked for THEN they are listed relative to the root', () => {
    const r = cm({});
    r.transformations = [{ configuredIn: '/app/base/kustomization.yaml', kind: 'PrefixTransformer' }];
    applyBuildMetadata([r], ['transformerAnnotations'], '/app', 'kustomization.yaml');
    assert.equal(
      ((r.obj['metadata'] as Record<string, unknown>)['annotations'] as Record<string, string>)['alpha.config.kubernetes.io/transformations'],
      '- configuredIn: base/kustomization.yaml\n  configuredBy:\n    apiVersion: builtin\n    kind: PrefixTransformer\n',
    );
  });
});
