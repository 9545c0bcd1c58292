import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFeatureGates } from './feature-gates.ts';

describe('parseFeatureGates', () => {
  it('GIVEN no flag THEN strict substitution and cancel-on-new-revision are on, fail-fast stays on', () => {
    const gates = parseFeatureGates('');
    assert.equal(gates.StrictPostBuildSubstitutions, true);
    assert.equal(gates.CancelHealthCheckOnNewRevision, true);
    assert.equal(gates.DisableFailFastBehavior, false);
  });

  it('GIVEN "StrictPostBuildSubstitutions=false, ExternalArtifact=true" THEN exactly those two change', () => {
    const gates = parseFeatureGates('StrictPostBuildSubstitutions=false, ExternalArtifact=true');
    assert.equal(gates.StrictPostBuildSubstitutions, false);
    assert.equal(gates.ExternalArtifact, true);
    assert.equal(gates.CancelHealthCheckOnNewRevision, true);
  });

  it('GIVEN an unknown gate or a non-boolean value THEN parsing fails naming it', () => {
    assert.throws(() => parseFeatureGates('Nope=true'), /unknown feature gate "Nope"/);
    assert.throws(() => parseFeatureGates('GroupChangeLog=yes'), /GroupChangeLog must be true or false/);
  });
});
