// Where a Kustomization's decryption keys come from: spec.decryption.secretRef in its own namespace, or
// else the --sops-age-secret Secret in the controller's namespace. serviceAccountName (workload
// identity for cloud KMS) needs a feature gate upstream and is not available here.
import type { Decryption } from '@conflux/api';
import { coreResources, isNotFound, type KubeClient, type KubeObject } from '@conflux/runtime';
import { emptyKeyring, type Keyring, keyringFromSecretData } from './keyring.ts';

type SecretObject = KubeObject & { data?: Record<string, string> };

export interface KeySources {
  client: KubeClient;
  /** The Kustomization's namespace. */
  namespace: string;
  decryption: Decryption;
  /** --sops-age-secret, as `namespace/name`. */
  ageSecret?: { namespace: string; name: string };
}

async function readSecret(client: KubeClient, namespace: string, name: string, what: string): Promise<Record<string, Buffer>> {
  let secret: SecretObject;
  try {
    secret = await client.get<SecretObject>(coreResources.Secret, namespace, name);
  } catch (err) {
    const reason = isNotFound(err) ? 'not found' : (err as Error).message;
    throw new Error(`cannot get sops ${what} '${namespace}/${name}': ${reason}`, { cause: err });
  }
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}

export async function loadKeyring(sources: KeySources): Promise<Keyring> {
  if (sources.decryption.provider !== 'sops') throw new Error(`decryption provider '${String(sources.decryption.provider)}' is not supported`);
  const ref = sources.decryption.secretRef;
  if (ref) {
    const data = await readSecret(sources.client, sources.namespace, ref.name, 'decryption Secret');
    return keyringFromSecretData(data, `${sources.namespace}/${ref.name}`);
  }
  if (sources.ageSecret) {
    const { namespace, name } = sources.ageSecret;
    const data = await readSecret(sources.client, namespace, name, 'age decryption Secret');
    return keyringFromSecretData(data, `${namespace}/${name}`, true);
  }
  return emptyKeyring();
}
