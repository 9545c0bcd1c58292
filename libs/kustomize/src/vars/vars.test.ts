import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from '../resource.ts';
import { parseVars, pinVars, resolveVars, type VarSet } from './vars.ts';

const res = (kind: string, name: string, extra: Record<string, unknown> = {}, namespace?: string): Resource => ({
  obj: { apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...extra },
  previous: [],
});

describe('legacy vars', () => {
  it('GIVEN objref.apiVersion and no fieldref WHEN parsed THEN group/version split and the path defaults to metadata.name', () => {
    const [v] = parseVars([{ name: 'X', objref: { kind: 'Deployment', name: 'd', apiVersion: 'apps/v1' } }], {});
    assert.deepEqual(v, { name: 'X', group: 'apps', version: 'v1', kind: 'Deployment', objName: 'd', namespace: '', fieldPath: 'metadata.name' });
  });
  it('GIVEN a var pinned before a rename WHEN resolved THEN the new name and typed port are substituted', () => {
    const svc = res('Service', 'db', { spec: { ports: [{ port: 5432 }] } });
    const cm = res('ConfigMap', 'c', { data: { url: 'pg://$(HOST):$(PORT)', port: '$(PORT)' } });
    const set: VarSet = new Map();
    pinVars([svc, cm], parseVars([
      { name: 'HOST', objref: { kind: 'Service', name: 'db', apiVersion: 'v1' } },
      { name: 'PORT', objref: { kind: 'Service', name: 'db', apiVersion: 'v1' }, fieldref: { fieldpath: 'spec.ports[0].port' } },
    ], {}), set, {});
    (svc.obj['metadata'] as Record<string, unknown>)['name'] = 'prod-db';
    resolveVars([svc, cm], set, [{ kind: 'ConfigMap', path: 'data' }]);
    assert.deepEqual(cm.obj['data'], { url: 'pg://prod-db:5432', port: 5432 });
  });
  it('GIVEN a var matching two objects WHEN pinned THEN it fails as ambiguous', () => {
    const vars = parseVars([{ name: 'X', objref: { kind: 'ConfigMap', name: 'a', apiVersion: 'v1' } }], {});
    assert.throws(() => pinVars([res('ConfigMap', 'a'), res('ConfigMap', 'a', {}, 'other')], vars, new Map(), {}), /found 2 resId matches/);
  });
  it('GIVEN the same name twice WHEN pinned THEN it is already encountered', () => {
    const vars = parseVars([{ name: 'X', objref: { kind: 'ConfigMap', name: 'a', apiVersion: 'v1' } }], {});
    const set: VarSet = new Map();
    pinVars([res('ConfigMap', 'a')], vars, set, {});
    assert.throws(() => pinVars([res('ConfigMap', 'a')], vars, set, {}), /var 'X' already encountered/);
  });
  it('GIVEN a var whose object is gone WHEN resolved THEN it cannot be mapped', () => {
    const set: VarSet = new Map(parseVars([{ name: 'X', objref: { kind: 'ConfigMap', name: 'a', apiVersion: 'v1' } }], {}).map((v) => [v.name, v]));
    assert.throws(() => resolveVars([res('ConfigMap', 'b')], set, []), /cannot be mapped to a field/);
  });
  it('GIVEN a non-string item in a var-taking list WHEN resolved THEN the build fails', () => {
    const pod = res('Pod', 'p', { spec: { containers: [{ name: 'c', args: ['$(X)', 8080] }] } });
    const set: VarSet = new Map();
    pinVars([pod], parseVars([{ name: 'X', objref: { kind: 'Pod', name: 'p', apiVersion: 'v1' } }], {}), set, {});
    assert.throws(() => resolveVars([pod], set, [{ kind: 'Pod', path: 'spec/containers/args' }]), /only strings/);
  });
});
