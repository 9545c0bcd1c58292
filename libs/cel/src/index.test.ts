import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CelCompileError, compileCel, loadCel } from './index.ts';

describe('the lazily loaded CEL engine', () => {
  it('GIVEN the engine not loaded yet WHEN compiling THEN a clear error says to load it; after loadCel() the same call compiles', async () => {
    assert.throws(() => compileCel('1 == 1'), /await loadCel\(\) before compiling/);
    await loadCel();
    await loadCel();
    assert.equal(compileCel('x > 1').evaluateBoolean({ x: 2 }), true);
    assert.throws(() => compileCel('x >'), CelCompileError);
  });
});
