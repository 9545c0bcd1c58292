// Turning a Provider and its Secrets into what a notifier needs (reference §2.3 step 8, §2.6): the Secret's
// address, token, username, password and headers override the spec; certSecretRef gives the TLS material;
// proxySecretRef wins over spec.proxy and the Secret's `proxy`.
import { coreResources, type KubeClient, type KubeObject, parseDuration } from '@conflux/runtime';
import { defaultCommitStatus } from './commit-status.ts';
import type { ProxySettings, TLSMaterial } from './http.ts';
import { isCommitStatusType } from './registry.ts';
import { NotificationError, type ProviderSettings } from './types.ts';
import type { NotificationEvent } from '@conflux/bus';
import type { ProviderObject } from '../objects.ts';

export const defaultProviderTimeoutMs = 15_000;
const maxAddressLength = 2048;

interface Secret extends KubeObject {
  data?: Record<string, string>;
}

export interface ResolvedProvider {
  settings: ProviderSettings;
  tls: TLSMaterial | undefined;
  proxy: ProxySettings | undefined;
  timeoutMs: number;
}

/** Reads a flat YAML (or JSON) map of strings, the format of the `headers` key. */
export function parseHeaders(text: string): Record<string, string> {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    } catch {
      // Flow-style YAML that is not JSON falls through to the error below.
    }
  }
  const out: Record<string, string> = {};
  for (const raw of trimmed.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^:]+?)\s*:\s*(.*)$/.exec(line);
    if (!m) throw new NotificationError(`the Secret's headers are not a YAML map of strings: cannot read "${line}"`);
    out[unquote(m[1] as string)] = unquote((m[2] as string).trim());
  }
  return out;
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return JSON.parse(s) as string;
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replaceAll("''", "'");
  return s;
}

export function secretData(secret: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

async function readSecret(client: KubeClient, namespace: string, name: string, what: string): Promise<Record<string, string>> {
  try {
    return secretData(await client.get<Secret>(coreResources.Secret, namespace, name));
  } catch (err) {
    throw new NotificationError(`failed to read ${what} Secret '${namespace}/${name}': ${(err as Error).message}`);
  }
}

function tlsFrom(data: Record<string, string>): TLSMaterial | undefined {
  const ca = data['ca.crt'] ?? data['caFile'];
  const cert = data['tls.crt'] ?? data['certFile'];
  const key = data['tls.key'] ?? data['keyFile'];
  if (!ca && !cert && !key) return undefined;
  if (Boolean(cert) !== Boolean(key)) throw new NotificationError('the certificate Secret must hold both tls.crt and tls.key, or neither');
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/** The settings of `provider` for `event`; throws a NotificationError naming what is wrong. */
export async function resolveProvider(client: KubeClient, provider: ProviderObject, event: NotificationEvent): Promise<ResolvedProvider> {
  const spec = provider.spec;
  const namespace = provider.metadata.namespace as string;
  const secret = spec.secretRef ? await readSecret(client, namespace, spec.secretRef.name, 'provider') : {};
  const address = secret['address']?.trim() || spec.address || '';
  if (address.length > maxAddressLength) throw new NotificationError(`the provider address is longer than ${maxAddressLength} bytes`);
  const settings: ProviderSettings = {
    type: spec.type,
    address,
    channel: spec.channel ?? '',
    username: secret['username'] || spec.username || '',
    password: secret['password'] ?? '',
    token: secret['token']?.trim() ?? '',
    headers: secret['headers'] ? parseHeaders(secret['headers']) : {},
    commitStatus: defaultCommitStatus(event, provider.metadata.uid ?? ''),
    providerUID: provider.metadata.uid ?? '',
    secret,
  };

  let tls: TLSMaterial | undefined;
  if (spec.certSecretRef) tls = tlsFrom(await readSecret(client, namespace, spec.certSecretRef.name, 'certificate'));
  else if (isCommitStatusType(spec.type)) tls = tlsFrom(secret);

  let proxy: ProxySettings | undefined;
  if (spec.proxySecretRef) {
    const p = await readSecret(client, namespace, spec.proxySecretRef.name, 'proxy');
    if (!p['address']) throw new NotificationError(`the proxy Secret '${namespace}/${spec.proxySecretRef.name}' has no 'address'`);
    proxy = { url: p['address'], ...(p['username'] ? { username: p['username'] } : {}), ...(p['password'] ? { password: p['password'] } : {}) };
  } else if (secret['proxy'] || spec.proxy) {
    proxy = { url: (secret['proxy'] || spec.proxy) as string };
  }

  let timeoutMs = defaultProviderTimeoutMs;
  if (spec.timeout) {
    try {
      timeoutMs = parseDuration(spec.timeout);
    } catch {
      throw new NotificationError(`invalid spec.timeout "${spec.timeout}"`);
    }
  }
  return { settings, tls, proxy, timeoutMs };
}
