import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countResults } from './test-summary.ts';

describe('countResults', () => {
  it('GIVEN the closing lines of two projects, prefixed by Nx and coloured WHEN counted THEN adds them up', () => {
    const output = [
      '@conflux/cli:test  ℹ tests 3',
      '@conflux/cli:test  \x1b[32mℹ pass 3\x1b[39m',
      '@conflux/cli:test  ℹ fail 0',
      '@conflux/e2e:e2e  ℹ pass 7',
      '@conflux/e2e:e2e  ℹ fail 2',
    ].join('\n');
    assert.deepEqual(countResults(output), { passed: 10, failed: 2 });
  });

  it('GIVEN output with no test-runner summary WHEN counted THEN reports nothing passed', () => {
    assert.deepEqual(countResults('Successfully ran target lint\n'), { passed: 0, failed: 0 });
  });

  it('GIVEN a test named like a summary line WHEN counted THEN it is not mistaken for one', () => {
    assert.deepEqual(countResults('✔ ℹ pass 3 is a weird test name (1ms)\n'), { passed: 0, failed: 0 });
  });
});
