// Reading a Receiver's token. The reconciler and the webhook server both read it from the Secret, as
// upstream does, so a rotated token is honoured by the next call even before the Receiver is reconciled.
import { coreResources, isNotFound, type KubeClient, type KubeObject } from '@conflux/runtime';
import type { ReceiverObject } from './reconciler.ts';

/** `data` is the whole Secret, decoded, for types that need more than the token (gcr: audience and email). */
export type TokenResult = { ok: true; token: string; data: Readonly<Record<string, string>> } | { ok: false; message: string };

type SecretObject = KubeObject & { data?: Record<string, string> };

/** generic-oidc Receivers have no Secret; their path is computed from an empty token. */
export const tokenlessTypes: ReadonlySet<string> = new Set(['generic-oidc']);

export async function readToken(client: KubeClient, receiver: ReceiverObject): Promise<TokenResult> {
  if (tokenlessTypes.has(receiver.spec.type)) return { ok: true, token: '', data: {} };
  const namespace = receiver.metadata.namespace ?? '';
  const name = receiver.spec.secretRef?.name;
  if (!name) return { ok: false, message: `spec.secretRef is required for receivers of type ${receiver.spec.type}` };
  let secret: SecretObject;
  try {
    secret = await client.get<SecretObject>(coreResources.Secret, namespace, name);
  } catch (err) {
    if (isNotFound(err)) return { ok: false, message: `unable to read token from secret '${namespace}/${name}': secret not found` };
    throw err;
  }
  const encoded = secret.data?.['token'];
  if (encoded === undefined) return { ok: false, message: `invalid '${namespace}/${name}' secret data: required field 'token'` };
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) data[k] = Buffer.from(v, 'base64').toString('utf8');
  return { ok: true, token: data['token'] ?? '', data };
}
