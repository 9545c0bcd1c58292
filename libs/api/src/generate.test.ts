import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { JSONSchemaProps } from './schema/types.ts';
import { crdManifests, generateCommand, generatedFiles, packageDir, renderAllCrdsYaml, renderTypes } from './generate.ts';

describe('generated files', () => {
  test('GIVEN the kind definitions WHEN the files are generated in memory THEN the files on disk are identical', () => {
    const stale: string[] = [];
    for (const [path, expected] of generatedFiles()) {
      let actual: string | undefined;
      try {
        actual = readFileSync(join(packageDir, path), 'utf8');
      } catch {
        actual = undefined;
      }
      if (actual !== expected) stale.push(path);
    }
    assert.deepEqual(stale, [], `stale generated files; run ${generateCommand}`);
  });

  test('GIVEN all.yaml WHEN parsed THEN it holds every CRD exactly once, equal to crdManifests()', () => {
    const docs = parseAllDocuments(renderAllCrdsYaml()).map((d) => d.toJS());
    assert.deepEqual(docs, crdManifests());
  });

  test('GIVEN the types WHEN rendered THEN every storage kind is part of FluxObject', () => {
    const types = renderTypes();
    const union = /export type FluxObject = (.*);/.exec(types)?.[1]?.split(' | ');
    assert.deepEqual(union, crdManifests().map((c) => c.spec.names.kind));
    assert.match(types, /export interface AlertV1beta2 \{/);
    assert.match(types, /@deprecated notification\.toolkit\.fluxcd\.io\/v1beta2 Alert is deprecated/);
  });
});

describe('every generated CRD', () => {
  for (const crd of crdManifests()) {
    test(`GIVEN ${crd.metadata.name} THEN it is namespaced, exempt from substitution and has one storage version`, () => {
      assert.equal(crd.metadata.annotations['kustomize.toolkit.fluxcd.io/substitute'], 'disabled');
      assert.equal(crd.spec.scope, 'Namespaced');
      assert.equal(crd.metadata.name, `${crd.spec.names.plural}.${crd.spec.group}`);
      assert.equal(crd.spec.versions.filter((v) => v.storage).length, 1);
      for (const version of crd.spec.versions) {
        const status = version.schema.openAPIV3Schema.properties?.status;
        // A status field is only writable through the status subresource, and vice versa.
        assert.equal(status !== undefined, version.subresources?.status !== undefined, `${version.name}: status and subresource disagree`);
        if (status?.properties?.observedGeneration) assert.deepEqual(status.default, { observedGeneration: -1 });
      }
    });
  }

  test('GIVEN every field of every version THEN it carries a description, which is what kubectl explain prints', () => {
    const undocumented: string[] = [];
    const walk = (schema: JSONSchemaProps | undefined, path: string): void => {
      if (!schema) return;
      for (const [name, child] of Object.entries(schema.properties ?? {})) {
        if (!child.description && name !== 'metadata') undocumented.push(`${path}.${name}`);
        walk(child, `${path}.${name}`);
      }
      walk(schema.items, `${path}[]`);
      walk(schema.additionalProperties, `${path}{}`);
    };
    for (const crd of crdManifests()) {
      for (const version of crd.spec.versions) walk(version.schema.openAPIV3Schema, `${crd.spec.names.kind}/${version.name}`);
    }
    assert.deepEqual(undocumented, []);
  });

  test('GIVEN the kinds with several versions THEN only the old ones are deprecated and nothing is converted', () => {
    const multi = crdManifests().filter((c) => c.spec.versions.length > 1);
    assert.deepEqual(multi.map((c) => c.spec.names.kind).sort(), ['Alert', 'Provider']);
    for (const crd of multi) {
      assert.deepEqual(crd.spec.conversion, { strategy: 'None' });
      const v1beta2 = crd.spec.versions.find((v) => v.name === 'v1beta2')!;
      const v1beta3 = crd.spec.versions.find((v) => v.name === 'v1beta3')!;
      assert.deepEqual([v1beta2.served, v1beta2.storage, v1beta2.deprecated], [true, false, true]);
      assert.match(v1beta2.deprecationWarning!, /v1beta2 .* is deprecated/);
      assert.deepEqual([v1beta3.served, v1beta3.storage, v1beta3.deprecated], [true, true, undefined]);
      assert.equal(v1beta3.subresources, undefined, 'v1beta3 Alert and Provider are static objects without status');
    }
  });
});
