import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CelCompileError } from './errors.ts';
import { compileCel, freeIdentifiers, toCel } from './expression.ts';
import { parse } from '@bufbuild/cel';

const certificate = {
  apiVersion: 'cert-manager.io/v1',
  kind: 'Certificate',
  metadata: { name: 'web', generation: 3 },
  status: { observedGeneration: 3, conditions: [{ type: 'Ready', status: 'True', observedGeneration: 3 }] },
};

describe('compileCel', () => {
  it("GIVEN upstream's documented health expression WHEN evaluated on a Ready object THEN it is true, and false once Ready flips", () => {
    const e = compileCel("status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True' && e.observedGeneration == metadata.generation)");
    assert.equal(e.evaluateBoolean(certificate), true);
    const notReady = { ...certificate, status: { ...certificate.status, conditions: [{ type: 'Ready', status: 'False', observedGeneration: 3 }] } };
    assert.equal(e.evaluateBoolean(notReady), false);
  });

  it('GIVEN integral JSON numbers THEN CEL sees ints, so int arithmetic and comparisons work', () => {
    assert.equal(compileCel('metadata.generation + 1 == 4').evaluateBoolean(certificate), true);
    assert.equal(toCel(3), 3n);
    assert.equal(toCel(0.5), 0.5);
  });

  it('GIVEN the strings extension THEN its functions are available', () => {
    assert.equal(compileCel("metadata.name.upperAscii() == 'WEB'").evaluateBoolean(certificate), true);
  });

  it('GIVEN a syntax error THEN compiling fails with a CelCompileError quoting the expression', () => {
    assert.throws(() => compileCel('status.phase =='), (err: unknown) => err instanceof CelCompileError && /failed to parse the CEL expression 'status.phase =='/.test(err.message));
  });

  it('GIVEN declared variables WHEN the expression names another one THEN compiling fails naming it', () => {
    assert.throws(() => compileCel("deps.status.ready == 'True'", { variables: ['self', 'dep'] }), /undeclared reference to 'deps'/);
    // Macro variables and type names are not free identifiers.
    assert.doesNotThrow(() => compileCel("dep.status.conditions.exists(c, c.type == 'Ready') && type(self.metadata.name) == string", { variables: ['self', 'dep'] }));
  });

  it('GIVEN a missing field or a non-boolean result THEN evaluation throws a message naming the expression', () => {
    assert.throws(() => compileCel("status.phase == 'Running'").evaluateBoolean(certificate), /failed to evaluate the CEL expression 'status.phase == 'Running''/);
    assert.throws(() => compileCel('metadata.name').evaluateBoolean(certificate), /as boolean: 'metadata.name'/);
  });
});

describe('freeIdentifiers', () => {
  it('GIVEN nested macros THEN only the identifiers they do not bind are free', () => {
    const { expr } = parse('a.items.map(x, x.size + b).exists(y, y > c) && has(d.e)');
    assert.deepEqual(freeIdentifiers(expr).sort(), ['a', 'b', 'c', 'd']);
  });
});

describe('compileCel: other result types', () => {
  it('GIVEN an expression yielding a string WHEN evaluated as a string THEN it is returned, and as a boolean it is refused', () => {
    const e = compileCel("event.kind + '/' + event.name", { variables: ['event'] });
    assert.equal(e.evaluateString({ event: { kind: 'Kustomization', name: 'apps' } }), 'Kustomization/apps');
    assert.throws(() => e.evaluateBoolean({ event: { kind: 'K', name: 'n' } }), /as boolean/);
  });

  it('GIVEN an expression yielding a boolean WHEN evaluated as a string THEN the error names the expression', () => {
    assert.throws(() => compileCel('1 == 1').evaluateString({}), /as string: '1 == 1'/);
  });

  it('GIVEN an integral number WHEN evaluated raw THEN CEL gives it back as an int', () => {
    assert.equal(compileCel('x + 1').evaluate({ x: 41 }), 42n);
  });
});
