import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './cli.ts';

const ctx = { version: '1.2.3' };

describe('conflux CLI', () => {
  it('GIVEN `version` WHEN run THEN prints its own version and the runtime version', () => {
    const result = runCli(['version'], ctx);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, `conflux 1.2.3 (node ${process.version})\n`);
  });

  it('GIVEN an unknown command WHEN run THEN exits 2 and names the command', () => {
    const result = runCli(['frobnicate'], ctx);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
  });

  it('GIVEN no command WHEN run THEN prints usage', () => {
    assert.match(runCli([], ctx).stdout, /^Usage: conflux/);
  });
});
