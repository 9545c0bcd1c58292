import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { array, boolean, json, object, oneOf, ref, string, stringMap } from './dsl.ts';
import { TypeScriptRenderer } from './typescript.ts';

describe('TypeScriptRenderer', () => {
  test('GIVEN required and optional fields WHEN declared THEN only optional ones get a question mark, with their docs as JSDoc', () => {
    const ts = new TypeScriptRenderer();
    ts.declareInterface('Spec', object({ url: string({ required: true, doc: 'The URL.' }), suspend: boolean() }, { typeDoc: 'A spec.' }));
    const out = ts.render();
    assert.match(out, /\/\*\* A spec\. \*\/\nexport interface Spec \{/);
    assert.match(out, /\/\*\* The URL\. \*\/\n {2}url: string;/);
    assert.match(out, /suspend\?: boolean;/);
  });

  test('GIVEN enums, maps, arrays and free-form JSON WHEN declared THEN each gets its TypeScript shape', () => {
    const ts = new TypeScriptRenderer();
    ts.declareInterface(
      'Spec',
      object({
        mode: oneOf(['a', 'b']),
        labels: stringMap(),
        paths: array(string()),
        modes: array(oneOf(['x', 'y'])),
        values: json({ tsType: 'Record<string, unknown>' }),
        raw: json(),
      }),
    );
    const out = ts.render();
    assert.match(out, /mode\?: 'a' \| 'b';/);
    assert.match(out, /labels\?: Record<string, string>;/);
    assert.match(out, /paths\?: string\[\];/);
    assert.match(out, /modes\?: Array<'x' \| 'y'>;/);
    assert.match(out, /values\?: Record<string, unknown>;/);
    assert.match(out, /raw\?: unknown;/);
  });

  test('GIVEN a named fragment used twice WHEN declared THEN it is emitted once, after the interface that first uses it', () => {
    const ts = new TypeScriptRenderer();
    const fragment = object({ name: string({ required: true }) }, { typeName: 'LocalRef', typeDoc: 'A local reference.' });
    ts.declareInterface('Spec', object({ a: ref(fragment, { doc: 'First.' }), b: ref(fragment, { doc: 'Second.' }) }));
    const out = ts.render();
    assert.equal(out.match(/export interface LocalRef/g)?.length, 1);
    assert.ok(out.indexOf('export interface Spec') < out.indexOf('export interface LocalRef'));
    assert.match(out, /a\?: LocalRef;/);
    assert.match(out, /\/\*\* A local reference\. \*\/\nexport interface LocalRef/);
  });

  test('GIVEN two different shapes under one type name WHEN declared THEN the renderer refuses', () => {
    const ts = new TypeScriptRenderer();
    const one = object({ name: string() }, { typeName: 'Clash' });
    const two = object({ other: string() }, { typeName: 'Clash' });
    assert.throws(() => ts.declareInterface('Spec', object({ a: one, b: two })), /Clash is declared twice/);
  });

  test('GIVEN an unnamed nested object WHEN declared THEN it is written inline and indented', () => {
    const ts = new TypeScriptRenderer();
    ts.declareInterface('Spec', object({ nested: object({ leaf: string({ required: true }) }) }));
    assert.match(ts.render(), /nested\?: \{\n {4}leaf: string;\n {2}\};/);
  });

  test('GIVEN a doc containing a comment terminator WHEN declared THEN the JSDoc stays closed', () => {
    const ts = new TypeScriptRenderer();
    ts.declareInterface('Spec', object({ glob: string({ doc: 'Matches a/*/b and */ too.' }) }));
    assert.doesNotMatch(ts.render(), /and \*\/ too/);
  });
});
