import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hooksForEvent, sortManifests, splitManifests } from './manifests.ts';

const doc = (kind: string, name: string, annotations = ''): string => `kind: ${kind}\nmetadata:\n  name: ${name}\n${annotations ? `  annotations:\n${annotations}` : ''}`;

describe('sortManifests', () => {
  it('GIVEN documents separated by --- WHEN split THEN empties are dropped and docs trimmed', () => {
    assert.deepEqual(splitManifests('\n---\na: 1  \n---\nb: 2\n---\n'), ['a: 1', 'b: 2']);
  });
  it('GIVEN mixed kinds WHEN sorted THEN install order holds and unknown kinds come last alphabetically', () => {
    const files = new Map([['c/templates/a.yaml', [doc('Zed', 'z'), doc('Deployment', 'd'), doc('Alpha', 'a'), doc('Namespace', 'n')].join('\n---\n')]]);
    assert.deepEqual(sortManifests(files).manifests.map((m) => m.kind), ['Namespace', 'Deployment', 'Alpha', 'Zed']);
  });
  it('GIVEN hook annotations WHEN sorted THEN hooks are separated, unknown events dropped, weights read', () => {
    const files = new Map([
      [
        'c/templates/h.yaml',
        [
          doc('Job', 'b', '    helm.sh/hook: pre-install\n    helm.sh/hook-weight: "2"\n'),
          doc('Job', 'a', '    helm.sh/hook: Pre-Install, post-upgrade\n    helm.sh/hook-weight: "2"\n    helm.sh/hook-delete-policy: Hook-Succeeded\n'),
          doc('Job', 'x', '    helm.sh/hook: bogus\n'),
          doc('Job', 'w', '    helm.sh/hook: pre-install\n    helm.sh/hook-weight: nope\n'),
        ].join('\n---\n'),
      ],
    ]);
    const { hooks, manifests } = sortManifests(files);
    assert.equal(manifests.length, 0);
    assert.deepEqual(hooks.map((h) => h.name), ['b', 'a', 'w']);
    assert.deepEqual(hooks[1]!.deletePolicies, ['hook-succeeded']);
    assert.deepEqual(hooksForEvent(hooks, 'pre-install').map((h) => h.name), ['w', 'a', 'b']);
  });
});
