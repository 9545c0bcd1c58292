import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { crdManifests } from '@conflux/api';
import { notifiers, unsupportedTypes } from './registry.ts';

function providerTypesInCRD(): string[] {
  const crd = crdManifests().find((c) => c.spec.names.kind === 'Provider')!;
  const v1beta3 = crd.spec.versions.find((v) => v.name === 'v1beta3')!;
  const type = v1beta3.schema?.openAPIV3Schema?.properties?.['spec']?.properties?.['type'] as { enum: string[] };
  return type.enum;
}

describe('provider registry', () => {
  it('GIVEN the CRD’s type enum WHEN compared with the registry THEN every type is either delivered to or listed as unsupported, never both', () => {
    const implemented = Object.keys(notifiers);
    for (const type of providerTypesInCRD()) {
      assert.equal(implemented.includes(type) !== unsupportedTypes.includes(type), true, `type ${type}`);
    }
  });

  it('GIVEN the README WHEN read THEN its "Not yet delivered" paragraph lists exactly the unsupported types', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const paragraph = readme.slice(readme.indexOf('Not yet delivered'), readme.indexOf('An event for an'));
    const listed = [...paragraph.matchAll(/`([a-z.-]+)`/g)].map((m) => m[1]);
    assert.deepEqual([...listed].sort(), [...unsupportedTypes].sort());
  });
});
