import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledSpecs } from './compiled.ts';
import { loadCel } from '@conflux/cel';

// The engine loads on first use in the controller (checkSpec); these tests compile directly.
await loadCel();

const spec = (readyExpr: string) => ({ dependsOn: [{ name: 'infra' }, { name: 'db', readyExpr }] });

describe('CompiledSpecs', () => {
  it('GIVEN the same object and generation THEN the CEL is compiled once; a new generation compiles again', () => {
    const specs = new CompiledSpecs();
    const first = specs.get('uid-1', 1, spec('dep.spec.suspend == true'));
    assert.equal(specs.get('uid-1', 1, spec('dep.spec.suspend == true')), first);
    assert.equal(specs.compilations, 1);
    assert.deepEqual([...first.readyExprs.keys()], [1]);
    specs.get('uid-1', 2, spec('true'));
    assert.equal(specs.compilations, 2);
  });

  it('GIVEN an invalid readyExpr THEN the error names the dependency, and is remembered for the generation', () => {
    const specs = new CompiledSpecs();
    assert.throws(() => specs.get('uid-2', 1, spec('self.x ==')), /failed to evaluate dependency db: failed to parse the CEL expression 'self.x =='/);
    assert.throws(() => specs.get('uid-2', 1, spec('self.x ==')), /dependency db/);
    assert.equal(specs.compilations, 1);
  });

  it('GIVEN more objects than the bound THEN the oldest entry is compiled again when it comes back', () => {
    const specs = new CompiledSpecs(2);
    for (const uid of ['a', 'b', 'c']) specs.get(uid, 1, spec('true'));
    specs.get('c', 1, spec('true'));
    assert.equal(specs.compilations, 3);
    specs.get('a', 1, spec('true'));
    assert.equal(specs.compilations, 4);
  });
});
