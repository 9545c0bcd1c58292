import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allFilter,
  decodeToken,
  encodeToken,
  groupOf,
  kindFilter,
  namespaceFilter,
  type ObjectRef,
  objectFilter,
  parseSubject,
  SubjectRoot,
  subjectFilter,
  subjectFor,
} from './subjects.ts';

const gitRepo: ObjectRef = { group: 'source.toolkit.fluxcd.io', kind: 'GitRepository', namespace: 'flux-system', name: 'podinfo' };

// NATS token rules: no '.', no wildcard, no whitespace, not empty.
function assertValidToken(token: string): void {
  assert.ok(token.length > 0, 'token is not empty');
  assert.doesNotMatch(token, /[.*>\s]/, `token ${JSON.stringify(token)} has no separator, wildcard or whitespace`);
}

describe('token encoding', () => {
  it('GIVEN a DNS label WHEN encoded THEN it is unchanged, so subjects stay readable', () => {
    assert.equal(encodeToken('flux-system'), 'flux-system');
    assert.equal(encodeToken('GitRepository'), 'GitRepository');
  });

  it('GIVEN a name with dots WHEN encoded THEN the dots are escaped and decoding gives the name back', () => {
    const token = encodeToken('my.app.v1');
    assert.equal(token, 'my_2Eapp_2Ev1');
    assertValidToken(token);
    assert.equal(decodeToken(token), 'my.app.v1');
  });

  it('GIVEN wildcards, whitespace, the escape character, "$" and non-ASCII WHEN round-tripped THEN each comes back exactly', () => {
    for (const value of ['*', '>', 'a b', 'tab\there', '_', '__2E', '$SYS', 'ünïcødé', '🚀.x', 'a.', '.a', '-']) {
      const token = encodeToken(value);
      assertValidToken(token);
      assert.equal(decodeToken(token), value, `round trip of ${JSON.stringify(value)} via ${token}`);
    }
  });

  it('GIVEN the empty string WHEN encoded THEN it gets a non-empty token of its own', () => {
    assert.equal(encodeToken(''), '_');
    assert.equal(decodeToken('_'), '');
  });

  it('GIVEN tokens no encoder would produce WHEN decoded THEN they are rejected, so one object has one subject', () => {
    for (const token of ['', 'my_2eapp', 'a_2', 'a_ZZ', 'a_61', 'a.b', 'a*', 'a b', '_FF', '_C3']) {
      assert.equal(decodeToken(token), undefined, `rejects ${JSON.stringify(token)}`);
    }
  });
});

describe('subjects', () => {
  it('GIVEN a Flux object WHEN its subject is built THEN it has exactly seven tokens: conflux, v1, ready, group, kind, namespace, name', () => {
    const subject = subjectFor(gitRepo);
    assert.equal(subject, 'conflux.v1.ready.source_2Etoolkit_2Efluxcd_2Eio.GitRepository.flux-system.podinfo');
    assert.equal(subject.split('.').length, 7);
  });

  it('GIVEN a subject WHEN parsed THEN the object comes back, and subjects under another root do not parse', () => {
    assert.deepEqual(parseSubject(subjectFor(gitRepo)), gitRepo);
    assert.equal(parseSubject(subjectFor(gitRepo), SubjectRoot.events), undefined);
    assert.deepEqual(parseSubject(subjectFor(gitRepo, SubjectRoot.events), SubjectRoot.events), gitRepo);
  });

  it('GIVEN 253-character names full of dots WHEN round-tripped THEN the token count is still seven and nothing is lost', () => {
    const longDotted = Array.from({ length: 127 }, () => 'a').join('.'); // 253 chars, 126 dots
    assert.equal(longDotted.length, 253);
    const ref: ObjectRef = { group: `${'g'.repeat(240)}.example.com`.slice(0, 253), kind: 'Kustomization', namespace: 'n'.repeat(63), name: longDotted };
    const subject = subjectFor(ref);
    assert.equal(subject.split('.').length, 7);
    for (const token of subject.split('.')) assertValidToken(token);
    assert.deepEqual(parseSubject(subject), ref);
    // NATS limits the whole protocol line to 4096 bytes by default; the worst case must fit with room to spare.
    assert.ok(subject.length < 2048, `subject is ${subject.length} bytes`);
  });

  it('GIVEN core-group and cluster-scoped objects WHEN round-tripped THEN the empty group and namespace survive', () => {
    const ref: ObjectRef = { group: '', kind: 'Namespace', namespace: '', name: 'flux-system' };
    const subject = subjectFor(ref);
    assert.equal(subject, 'conflux.v1.ready._.Namespace._.flux-system');
    assert.deepEqual(parseSubject(subject), ref);
  });

  it('GIVEN malformed subjects WHEN parsed THEN each is rejected', () => {
    for (const subject of [
      'conflux.v1.ready',
      'conflux.v1.ready.a.b.c',
      'conflux.v1.ready.a.b.c.d.e',
      'conflux.v1.ready.a.b.c.my.app',
      'conflux.v1.ready.a._.c.d',
      'conflux.v1.ready.a.b.c._',
      'conflux.v1.readyx.a.b.c.d',
      'other.v1.ready.a.b.c.d',
    ]) {
      assert.equal(parseSubject(subject), undefined, `rejects ${subject}`);
    }
  });

  it('GIVEN an apiVersion WHEN its group is taken THEN grouped and core versions both work', () => {
    assert.equal(groupOf('kustomize.toolkit.fluxcd.io/v1'), 'kustomize.toolkit.fluxcd.io');
    assert.equal(groupOf('v1'), '');
  });
});

describe('filters', () => {
  const helmRelease: ObjectRef = { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', namespace: 'apps', name: 'web.frontend' };

  it('GIVEN the four filter levels WHEN built THEN they are all, one kind, one namespace of a kind, one object', () => {
    assert.equal(allFilter(), 'conflux.v1.ready.>');
    assert.equal(kindFilter(helmRelease), 'conflux.v1.ready.helm_2Etoolkit_2Efluxcd_2Eio.HelmRelease.>');
    assert.equal(namespaceFilter(helmRelease), 'conflux.v1.ready.helm_2Etoolkit_2Efluxcd_2Eio.HelmRelease.apps.>');
    assert.equal(objectFilter(helmRelease), 'conflux.v1.ready.helm_2Etoolkit_2Efluxcd_2Eio.HelmRelease.apps.web_2Efrontend');
  });

  it('GIVEN a gap in the selector WHEN a filter is built THEN the gap becomes a single-token wildcard', () => {
    assert.equal(subjectFilter({ namespace: 'apps' }), 'conflux.v1.ready.*.*.apps.>');
    assert.equal(subjectFilter({ kind: 'HelmRelease', name: 'x' }), 'conflux.v1.ready.*.HelmRelease.*.x');
  });

  it('GIVEN filters WHEN matched the way NATS matches THEN each selects exactly its objects', () => {
    const subjects = [
      helmRelease,
      { ...helmRelease, name: 'web' },
      { ...helmRelease, namespace: 'other' },
      { ...helmRelease, kind: 'Kustomization', group: 'kustomize.toolkit.fluxcd.io' },
    ].map((r) => subjectFor(r));
    const matching = (filter: string) => subjects.filter((s) => natsMatch(filter, s)).length;
    assert.equal(matching(allFilter()), 4);
    assert.equal(matching(kindFilter(helmRelease)), 3);
    assert.equal(matching(namespaceFilter(helmRelease)), 2);
    assert.equal(matching(objectFilter(helmRelease)), 1);
  });
});

// NATS subject matching, written out so the filter test does not trust the code under test.
function natsMatch(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
}
