import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unsupportedProviderMessage } from './provider.ts';

describe('unsupportedProviderMessage', () => {
  it('GIVEN no provider or generic THEN nothing to complain about', () => {
    assert.equal(unsupportedProviderMessage(undefined), undefined);
    assert.equal(unsupportedProviderMessage('generic'), undefined);
  });

  for (const provider of ['aws', 'azure', 'github'] as const) {
    it(`GIVEN provider ${provider} THEN the message names it and the way out`, () => {
      const message = unsupportedProviderMessage(provider)!;
      assert.match(message, new RegExp(`^provider '${provider}' is not supported yet \\(`));
      assert.match(message, /use provider 'generic' with a secretRef/);
    });
  }
});
