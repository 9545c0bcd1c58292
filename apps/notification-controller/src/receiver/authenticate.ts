// Authenticating a webhook call: the synchronous per-type rules of validate.ts, plus the types that need
// the network to decide (gcr fetches Google's signing keys).
import { validateGcr } from './gcr.ts';
import type { KeySource } from './jwks.ts';
import { type ValidationInput, type ValidationResult, validateRequest, type WebhookRequest } from './validate.ts';

export interface AuthenticationInput extends ValidationInput {
  /** The Receiver's Secret, decoded. */
  secret: Readonly<Record<string, string>>;
}

export interface AuthenticationDeps {
  /** Google's ID token signing keys, for gcr. */
  googleKeys: KeySource;
}

export function authenticateRequest(req: WebhookRequest, input: AuthenticationInput, deps: AuthenticationDeps): Promise<ValidationResult> {
  if (input.type === 'gcr') return validateGcr(req, { audience: input.secret['audience'], email: input.secret['email'] }, deps.googleKeys);
  return Promise.resolve(validateRequest(req, input));
}
