import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineFilters, compileFilter, FilterCompileError, requestValue } from './filter.ts';
import { loadCel } from '@conflux/cel';

// The engine loads on first use in the controller; these tests compile directly.
await loadCel();

const repo = { metadata: { name: 'app', labels: { team: 'a' }, generation: 3 } };

test('GIVEN a filter over res and req WHEN the push is for the branch the object names THEN it is true, and false for another branch', () => {
  const f = compileFilter("req.ref == 'refs/heads/' + res.metadata.labels.team");
  assert.equal(f(repo, requestValue(Buffer.from('{"ref":"refs/heads/a"}'))), true);
  assert.equal(f(repo, requestValue(Buffer.from('{"ref":"refs/heads/b"}'))), false);
});

test('GIVEN resourceFilter and a per-resource filter WHEN combined THEN both must hold', () => {
  const f = combineFilters("res.metadata.name == 'app'", 'res.metadata.generation > 2')!;
  assert.equal(f(repo, {}), true);
  assert.equal(combineFilters("res.metadata.name == 'app'", 'res.metadata.generation > 3')!(repo, {}), false);
  assert.equal(combineFilters(undefined, ''), undefined);
});

test('GIVEN an expression that does not parse WHEN compiled THEN a FilterCompileError names it', () => {
  assert.throws(() => compileFilter('res.metadata.name =='), FilterCompileError);
});

test('GIVEN a body that is not a JSON object WHEN read as req THEN it is an empty map', () => {
  assert.deepEqual(requestValue(Buffer.from('not json')), {});
  assert.deepEqual(requestValue(Buffer.from('[1]')), {});
});

test('GIVEN an expression that is not boolean WHEN evaluated THEN it throws', () => {
  assert.throws(() => compileFilter('res.metadata.name')(repo, {}), /boolean/);
});
