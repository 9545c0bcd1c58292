import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandVars } from './expand.ts';

const vars: Record<string, string | number | boolean> = { HOST: 'db.data', PORT: 5432, ON: true };
const lookup = (name: string) => vars[name];

describe('expandVars', () => {
  it('GIVEN a reference inside text WHEN expanded THEN the value is written in place', () => {
    assert.equal(expandVars('--db=$(HOST):$(PORT)', lookup), '--db=db.data:5432');
  });
  it('GIVEN a value that is exactly one reference WHEN expanded THEN it keeps the value type', () => {
    assert.equal(expandVars('$(PORT)', lookup), 5432);
    assert.equal(expandVars('$(ON)', lookup), true);
  });
  it('GIVEN $$, an unknown name, an unclosed reference and a lone $ WHEN expanded THEN they follow kustomize', () => {
    assert.equal(expandVars('$$(HOST)', lookup), '$(HOST)');
    assert.equal(expandVars('$(NOPE) and $(HOST)', lookup), '$(NOPE) and db.data');
    assert.equal(expandVars('$( $x cost $', lookup), '$( $x cost $');
  });
  it('GIVEN a used set WHEN expanded THEN only found names are recorded', () => {
    const used = new Set<string>();
    expandVars('$(HOST) $(NOPE)', lookup, used);
    assert.deepEqual([...used], ['HOST']);
  });
});
