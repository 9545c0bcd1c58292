import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controllerNodeFlags, hasControllerNodeFlags } from './node-flags.ts';

describe('controllerNodeFlags', () => {
  it('GIVEN the flags on the command line WHEN checked THEN they count', () => {
    assert.equal(hasControllerNodeFlags([...controllerNodeFlags], ''), true);
  });

  it('GIVEN the flags in NODE_OPTIONS, or another value or underscores WHEN checked THEN they count: the operator chose', () => {
    assert.equal(hasControllerNodeFlags(['--optimize-for-size'], '--enable-source-maps --max-semi-space-size=2'), true);
    assert.equal(hasControllerNodeFlags(['--optimize_for_size'], '--max-semi-space-size=8'), true);
    assert.equal(hasControllerNodeFlags(['--max_semi_space_size=4', '--no-optimize-for-size'], ''), true);
  });

  it('GIVEN neither WHEN checked THEN the process runs untuned', () => {
    assert.equal(hasControllerNodeFlags(['--enable-source-maps'], '--max-old-space-size=256'), false);
    assert.equal(hasControllerNodeFlags(['--max-semi-space-size=2'], ''), false, 'one of the two is missing');
    assert.equal(hasControllerNodeFlags(['--optimize-for-size-x', '--max-semi-space-size=2'], ''), false);
  });
});
