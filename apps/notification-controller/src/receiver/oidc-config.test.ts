import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCel } from '@conflux/cel';
import { compileOidcProviders, defaultOidcAudience, OidcExpressionError, oidcSpecProblem } from './oidc-config.ts';

await loadCel();

const provider = { issuerURL: 'https://token.actions.githubusercontent.com', validations: [{ expression: "claims.repository == 'org/app'", message: 'org/app only' }] };

describe('which generic-oidc specs can be served', () => {
  test('GIVEN a generic-oidc spec with one provider and no secretRef WHEN checked THEN there is no problem', () => {
    assert.equal(oidcSpecProblem({ type: 'generic-oidc', oidcProviders: [provider] }), undefined);
    assert.equal(oidcSpecProblem({ type: 'github', secretRef: { name: 's' } }), undefined);
  });

  const problems: Array<[string, Parameters<typeof oidcSpecProblem>[0], RegExp]> = [
    ['a secretRef', { type: 'generic-oidc', secretRef: { name: 's' }, oidcProviders: [provider] }, /secretRef must not be set/],
    ['no oidcProviders', { type: 'generic-oidc' }, /at least one entry in spec.oidcProviders/],
    ['an empty oidcProviders', { type: 'generic-oidc', oidcProviders: [] }, /at least one entry/],
    ['oidcProviders on another type', { type: 'github', secretRef: { name: 's' }, oidcProviders: [provider] }, /only be set when the type is generic-oidc/],
    ['an issuer that is not a URL', { type: 'generic-oidc', oidcProviders: [{ ...provider, issuerURL: 'token.actions.githubusercontent.com' }] }, /issuerURL must be an http\(s\) URL/],
    ['the same issuer twice', { type: 'generic-oidc', oidcProviders: [provider, provider] }, /listed twice/],
    ['a provider without validations', { type: 'generic-oidc', oidcProviders: [{ ...provider, validations: [] }] }, /at least one validation/],
    ['a variable name CEL cannot read', { type: 'generic-oidc', oidcProviders: [{ ...provider, variables: [{ name: 'my-repo', expression: 'claims.repository' }] }] }, /not a CEL identifier/],
  ];
  for (const [what, spec, message] of problems) {
    test(`GIVEN ${what} WHEN checked THEN a problem saying so, for a ValidationFailed condition`, () => {
      assert.match(oidcSpecProblem(spec) ?? '', message);
    });
  }
});

describe('compiling oidcProviders', () => {
  test('GIVEN an entry without an audience WHEN compiled THEN the audience is notification-controller, and the same spec object compiles once', () => {
    const list = [provider];
    const compiled = compileOidcProviders(list);
    assert.equal(compiled[0]!.audience, defaultOidcAudience);
    assert.equal(compileOidcProviders(list), compiled);
  });

  test('GIVEN a validation that does not parse, or reads a name other than claims and vars WHEN compiled THEN an OidcExpressionError names where it is', () => {
    assert.throws(() => compileOidcProviders([{ ...provider, validations: [{ expression: 'claims.repository ==', message: 'x' }] }]), (err: Error) => err instanceof OidcExpressionError && /validations\[0\]/.test(err.message));
    assert.throws(() => compileOidcProviders([{ ...provider, variables: [{ name: 'r', expression: 'req.ref' }] }]), (err: Error) => err instanceof OidcExpressionError && /variables 'r'.*undeclared reference to 'req'/.test(err.message));
  });
});
