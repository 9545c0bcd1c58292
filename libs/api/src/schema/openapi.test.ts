import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { array, boolean, duration, durationPattern, durationWithoutHoursPattern, integer, intOrString, json, object, oneOf, ref, string, stringMap } from './dsl.ts';
import { toOpenAPI } from './openapi.ts';

describe('toOpenAPI', () => {
  test('GIVEN an object with required and optional fields WHEN rendered THEN required lists exactly the required names, sorted', () => {
    const schema = toOpenAPI(
      object({
        url: string({ required: true }),
        interval: duration({ required: true }),
        suspend: boolean(),
      }),
    );
    assert.deepEqual(schema.required, ['interval', 'url']);
    assert.deepEqual(Object.keys(schema.properties!), ['interval', 'suspend', 'url']);
    assert.equal(schema.type, 'object');
  });

  test('GIVEN an object without required fields WHEN rendered THEN it has no required list at all', () => {
    assert.equal('required' in toOpenAPI(object({ a: string() })), false);
  });

  test('GIVEN an enum with a default WHEN rendered THEN enum, default and description come out as given', () => {
    const schema = toOpenAPI(oneOf(['head', 'HEAD', 'Tag'], { doc: 'What to verify.', default: 'HEAD' }));
    assert.deepEqual(schema, { default: 'HEAD', description: 'What to verify.', enum: ['head', 'HEAD', 'Tag'], type: 'string' });
  });

  test('GIVEN string limits and a pattern WHEN rendered THEN they are all kept and keys are alphabetical', () => {
    const schema = toOpenAPI(string({ maxLength: 63, minLength: 1, pattern: '^a$', format: 'date-time' }));
    assert.deepEqual(Object.keys(schema), ['format', 'maxLength', 'minLength', 'pattern', 'type']);
  });

  test('GIVEN durations WHEN rendered THEN hours are allowed unless the field says otherwise', () => {
    assert.equal(toOpenAPI(duration()).pattern, durationPattern);
    assert.equal(toOpenAPI(duration({ hours: false })).pattern, durationWithoutHoursPattern);
    assert.match('1h30m', new RegExp(durationPattern));
    assert.doesNotMatch('1h', new RegExp(durationWithoutHoursPattern));
    assert.match('1.5m', new RegExp(durationWithoutHoursPattern));
  });

  test('GIVEN maps, free-form JSON and int-or-string WHEN rendered THEN they use the Kubernetes extensions', () => {
    assert.deepEqual(toOpenAPI(stringMap()), { additionalProperties: { type: 'string' }, type: 'object' });
    assert.deepEqual(toOpenAPI(json({ doc: 'values' })), { description: 'values', 'x-kubernetes-preserve-unknown-fields': true });
    assert.deepEqual(toOpenAPI(intOrString()), { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true });
  });

  test('GIVEN CEL rules and list-map keys WHEN rendered THEN they become x-kubernetes-validations and list extensions', () => {
    const schema = toOpenAPI(
      object(
        { items: array(object({ key: string({ required: true }) }), { listType: 'map', listMapKeys: ['key'], minItems: 1 }) },
        { validations: [{ rule: 'has(self.items)', message: 'items are required' }] },
      ),
    );
    assert.deepEqual(schema['x-kubernetes-validations'], [{ message: 'items are required', rule: 'has(self.items)' }]);
    const items = schema.properties!.items!;
    assert.equal(items['x-kubernetes-list-type'], 'map');
    assert.deepEqual(items['x-kubernetes-list-map-keys'], ['key']);
    assert.equal(items.minItems, 1);
    assert.deepEqual(items.items!.required, ['key']);
  });

  test('GIVEN a shared fragment used through ref WHEN rendered THEN the field doc and required flag are the field’s own', () => {
    const fragment = object({ name: string({ required: true }) }, { typeName: 'Ref', typeDoc: 'A reference.' });
    const parent = toOpenAPI(object({ secretRef: ref(fragment, { doc: 'The Secret.', required: true }), other: fragment }));
    assert.equal(parent.properties!.secretRef!.description, 'The Secret.');
    assert.equal(parent.properties!.other!.description, 'A reference.');
    assert.deepEqual(parent.required, ['secretRef']);
    assert.equal(fragment.required, undefined, 'ref must not mutate the fragment');
  });

  test('GIVEN an int64 integer with bounds WHEN rendered THEN format and bounds are kept', () => {
    assert.deepEqual(toOpenAPI(integer({ format: 'int64', minimum: 0 })), { format: 'int64', minimum: 0, type: 'integer' });
  });
});
