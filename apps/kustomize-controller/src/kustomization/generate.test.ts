import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { KustomizationSpec } from '@conflux/api';
import { mergeImages, overlay, scanManifests, writeFluxKustomization } from './generate.ts';
import { parseYamlStream } from '@conflux/kustomize';

const parse = (text: string) => parseYamlStream(text, 'kustomization.yaml')[0];

const base: KustomizationSpec = { interval: '1m', prune: true, sourceRef: { kind: 'GitRepository', name: 'repo' } };

describe('Flux kustomization overlay', () => {
  it('GIVEN targetNamespace, prefix and suffix THEN they replace the file values', () => {
    const out = overlay({ resources: ['a.yaml'], namespace: 'old', namePrefix: 'x-' }, { ...base, targetNamespace: 'new', namePrefix: 'p-', nameSuffix: '-s' });
    assert.deepEqual(out, { resources: ['a.yaml'], namespace: 'new', namePrefix: 'p-', nameSuffix: '-s' });
  });

  it('GIVEN spec.patches THEN they come after the file patches, with empty selector fields dropped', () => {
    const out = overlay({ resources: ['a.yaml'], patches: [{ path: 'p.yaml' }] }, { ...base, patches: [{ patch: 'x', target: { kind: 'Deployment', name: '' } }] });
    assert.deepEqual(out['patches'], [{ path: 'p.yaml' }, { patch: 'x', target: { kind: 'Deployment' } }]);
  });

  it('GIVEN an existing file without resources THEN origin annotations are requested, as upstream avoids the "empty" error', () => {
    assert.deepEqual(overlay({ configMapGenerator: [] }, base)['buildMetadata'], ['originAnnotations']);
    assert.equal(overlay({ configMapGenerator: [] }, base, undefined, false)['buildMetadata'], undefined);
  });

  it('GIVEN a remote or absolute component THEN the overlay refuses it; GIVEN ignoreMissingComponents THEN missing ones are dropped', () => {
    assert.throws(() => overlay({ resources: ['a'] }, { ...base, components: ['/abs'] }), /component path '\/abs' must be local and relative/);
    assert.throws(() => overlay({ resources: ['a'] }, { ...base, components: ['https://example.com/c'] }), /must be local and relative/);
    const out = overlay({ resources: ['a'], components: ['c0'] }, { ...base, components: ['c1', 'gone'], ignoreMissingComponents: true }, (c) => c !== 'gone');
    assert.deepEqual(out['components'], ['c0', 'c1']);
  });

  it('GIVEN images THEN they merge by name: newName alone keeps the tag, newTag or digest replace both', () => {
    const merged = mergeImages(
      [{ name: 'a', newTag: '1', digest: 'sha256:1' }, { name: 'b', newTag: '2' }],
      [{ name: 'a', newTag: '9' }, { name: 'b', newName: 'reg/b' }, { name: 'c', digest: 'sha256:c' }],
    );
    assert.deepEqual(merged, [{ name: 'a', newTag: '9' }, { name: 'b', newTag: '2', newName: 'reg/b' }, { name: 'c', digest: 'sha256:c' }]);
  });
});

describe('writeFluxKustomization on disk', () => {
  it('GIVEN a directory without a kustomization and a targetNamespace THEN files and kustomized subdirectories are listed in lexical order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-generate-'));
    try {
      await mkdir(join(dir, 'b-sub'));
      await mkdir(join(dir, 'c-base'));
      await writeFile(join(dir, 'z.yaml'), 'kind: ConfigMap');
      await writeFile(join(dir, 'a.yml'), 'kind: ConfigMap');
      await writeFile(join(dir, 'notes.txt'), 'x');
      await writeFile(join(dir, 'b-sub', 'cm.yaml'), 'kind: ConfigMap');
      await writeFile(join(dir, 'c-base', 'kustomization.yaml'), 'resources: []');
      await writeFile(join(dir, 'c-base', 'hidden.yaml'), 'kind: ConfigMap');
      assert.deepEqual(await scanManifests(dir), { resources: ['./a.yml', './b-sub/cm.yaml', './c-base', './z.yaml'] });
      await writeFluxKustomization(dir, { ...base, targetNamespace: 'apps' });
      const written = parse(await readFile(join(dir, 'kustomization.yaml'), 'utf8'));
      assert.deepEqual(written, { resources: ['./a.yml', './b-sub/cm.yaml', './c-base', './z.yaml'], namespace: 'apps' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN an existing kustomization.yaml with a YAML 1.1 boolean THEN it is rewritten as a boolean, so the build rejects it as kustomize does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-generate-'));
    try {
      await writeFile(join(dir, 'kustomization.yaml'), 'resources: [a.yaml]\ncommonLabels:\n  env: on\n');
      await writeFluxKustomization(dir, { ...base, namePrefix: 'p-' });
      const text = await readFile(join(dir, 'kustomization.yaml'), 'utf8');
      assert.match(text, /env: true/);
      assert.match(text, /namePrefix: p-/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('GIVEN invalid YAML in kustomization.yaml THEN generation fails naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ks-generate-'));
    try {
      await writeFile(join(dir, 'kustomization.yaml'), 'resources: [a.yaml\n');
      await assert.rejects(writeFluxKustomization(dir, base), /failed to decode kustomization.yaml/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
