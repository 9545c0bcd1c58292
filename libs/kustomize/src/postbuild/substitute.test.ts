import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KubeObject } from '../resource.ts';
import { substitute, SubstituteError } from './substitute.ts';

const cm = (data: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns', ...meta }, data,
});
const dataOf = (o: KubeObject | undefined): unknown => o?.['data'];

describe('substitute: post-build variables as Flux applies them', () => {
  it('GIVEN ${VAR} in values WHEN substituted THEN the values are expanded and the input is untouched', () => {
    const input = [cm({ greeting: 'hello ${NAME}', plain: '$NAME', escaped: '$${NAME}' })];
    const out = substitute(input, { NAME: 'world' });
    assert.deepEqual(dataOf(out[0]), { greeting: 'hello world', plain: '$NAME', escaped: '${NAME}' });
    assert.equal((input[0]!['data'] as Record<string, string>)['greeting'], 'hello ${NAME}');
  });

  it('GIVEN a whole-value variable that reads as a boolean or number WHEN substituted THEN its type changes, even if the source quoted it', () => {
    const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: '${REPLICAS}', paused: '${PAUSED}', ratio: '${RATIO}', on: '${ON}' } };
    const out = substitute([deploy], { REPLICAS: '3', PAUSED: 'true', RATIO: '0.5', ON: 'yes' });
    assert.deepEqual(out[0]!['spec'], { replicas: 3, paused: true, ratio: 0.5, on: true });
  });

  it('GIVEN the quote trick WHEN substituted THEN the value stays a string', () => {
    const out = substitute([cm({ port: '${q}${PORT}${q}' })], { PORT: '8080', q: '"' });
    assert.deepEqual(dataOf(out[0]), { port: '8080' });
  });

  it('GIVEN a value mixed with text WHEN substituted THEN it stays a string', () => {
    assert.deepEqual(dataOf(substitute([cm({ url: 'http://${HOST}:${PORT}/' })], { HOST: 'h', PORT: '80' })[0]), { url: 'http://h:80/' });
  });

  it('GIVEN values with newlines WHEN substituted THEN the newlines are removed', () => {
    assert.deepEqual(dataOf(substitute([cm({ v: '${A}' })], { A: 'one\ntwo\n' })[0]), { v: 'onetwo' });
  });

  it('GIVEN a variable in a key and in metadata WHEN substituted THEN the text is expanded everywhere', () => {
    const out = substitute([cm({ '${K}': 'v' }, { name: 'app-${ENV}', labels: { env: '${ENV}' } })], { K: 'key', ENV: 'prod' });
    assert.deepEqual(out[0]!['metadata'], { name: 'app-prod', namespace: 'ns', labels: { env: 'prod' } });
    assert.deepEqual(dataOf(out[0]), { key: 'v' });
  });

  it('GIVEN defaults WHEN the variable is unset or empty THEN the default is used', () => {
    const out = substitute([cm({ a: '${A:=one}', b: '${B:-two}', c: '${C=three}', d: '${EMPTY:-four}' })], { EMPTY: '' });
    assert.deepEqual(dataOf(out[0]), { a: 'one', b: 'two', c: 'three', d: 'four' });
  });

  it('GIVEN an unset variable without default WHEN strict (the default) THEN it fails naming the object and the variable', () => {
    assert.throws(
      () => substitute([cm({ a: '${MISSING}' })], { OTHER: 'x' }),
      (err: SubstituteError) =>
        err instanceof SubstituteError && err.code === 'SubstitutionFailed' &&
        err.message === 'v1.ConfigMap/c.ns: variable substitution failed: variable not set (strict mode): "MISSING"',
    );
  });

  it('GIVEN an unset variable without default WHEN not strict THEN it becomes empty', () => {
    assert.deepEqual(dataOf(substitute([cm({ a: 'x${MISSING}y' })], { OTHER: 'x' }, { strict: false })[0]), { a: 'xy' });
  });

  it('GIVEN no variables WHEN not forced THEN nothing is expanded, not even escapes', () => {
    assert.deepEqual(dataOf(substitute([cm({ a: '${MISSING}', b: '$${X}' })], {})[0]), { a: '${MISSING}', b: '$${X}' });
  });

  it('GIVEN no variables WHEN forced (substituteStrategy Always) THEN strict mode and escapes apply', () => {
    assert.deepEqual(dataOf(substitute([cm({ b: '$${X}', c: '${D:=d}' })], {}, { always: true })[0]), { b: '${X}', c: 'd' });
    assert.throws(() => substitute([cm({ a: '${MISSING}' })], {}, { always: true }), /variable not set \(strict mode\): "MISSING"/);
  });

  it('GIVEN an invalid variable name WHEN substituting THEN it fails even if unused', () => {
    for (const name of ['1A', 'A-B', 'a.b', '', 'é']) {
      assert.throws(
        () => substitute([cm({ a: 'x' })], { [name]: 'v' }),
        (err: SubstituteError) => err.code === 'InvalidVariableName' && err.message.includes(`'${name}' var name is invalid`),
        name,
      );
    }
    assert.doesNotThrow(() => substitute([cm({ a: 'x' })], { _a1: 'v', A_B: 'v' }));
  });

  it('GIVEN the disabled label or annotation WHEN substituting THEN those objects are left alone', () => {
    const byLabel = cm({ a: '${A}' }, { labels: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } });
    const byAnnotation = cm({ a: '${UNSET}' }, { annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } });
    const otherValue = cm({ a: '${A}' }, { annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'Disabled' } });
    const out = substitute([byLabel, byAnnotation, otherValue], { A: 'x' });
    assert.deepEqual(out.map(dataOf), [{ a: '${A}' }, { a: '${UNSET}' }, { a: 'x' }]);
  });

  it('GIVEN a parse error in one object WHEN substituting THEN the message is Flux\'s', () => {
    assert.throws(() => substitute([cm({ a: '${A' })], { A: 'x' }), /variable substitution failed: missing closing brace/);
  });

  it('GIVEN a value that breaks the YAML WHEN substituting THEN it fails as invalid output', () => {
    assert.throws(() => substitute([cm({ a: '${A}' })], { A: '[unclosed' }), (err: SubstituteError) => err.code === 'InvalidResult');
  });

  it('GIVEN strings that only look like other types WHEN substituted THEN they keep their type', () => {
    const out = substitute([cm({ a: 'yes', b: '0777', c: 'true', d: '${X}', e: '2024-01-01' })], { X: 'x' });
    assert.deepEqual(dataOf(out[0]), { a: 'yes', b: '0777', c: 'true', d: 'x', e: '2024-01-01' });
  });

  it('GIVEN a substituted null or date WHEN read back THEN null is null and the date stays text', () => {
    const out = substitute([cm({ a: '${N}', b: '${D}' })], { N: 'null', D: '2024-01-01' });
    assert.deepEqual(dataOf(out[0]), { a: null, b: '2024-01-01' });
  });
});
