// Authenticating a webhook call: the synchronous per-type rules of validate.ts, plus the types that need
// the network to decide (gcr fetches Google's signing keys, generic-oidc its issuers').
import type { OIDCProvider } from '@conflux/api';
import { validateGcr } from './gcr.ts';
import { validateGenericOidc } from './generic-oidc.ts';
import type { KeySource } from './jwks.ts';
import type { OidcKeySources } from './oidc-discovery.ts';
import { type ValidationInput, type ValidationResult, validateRequest, type WebhookRequest } from './validate.ts';

export interface AuthenticationInput extends ValidationInput {
  /** The Receiver's Secret, decoded; empty for generic-oidc, which has none. */
  secret: Readonly<Record<string, string>>;
  /** spec.oidcProviders, for generic-oidc. */
  oidcProviders?: readonly OIDCProvider[] | undefined;
}

export interface AuthenticationDeps {
  /** Google's ID token signing keys, for gcr. */
  googleKeys: KeySource;
  /** Each OIDC issuer's signing keys, found by discovery, for generic-oidc. */
  oidcKeys: OidcKeySources;
}

export function authenticateRequest(req: WebhookRequest, input: AuthenticationInput, deps: AuthenticationDeps): Promise<ValidationResult> {
  if (input.type === 'gcr') return validateGcr(req, { audience: input.secret['audience'], email: input.secret['email'] }, deps.googleKeys);
  if (input.type === 'generic-oidc') return validateGenericOidc(req, input.oidcProviders ?? [], deps.oidcKeys);
  return Promise.resolve(validateRequest(req, input));
}
