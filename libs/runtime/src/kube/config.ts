// Where and how to reach the API server. Conflux reads kubeconfig files and in-cluster credentials itself
// rather than through @kubernetes/client-node: loading that package costs a controller about 80 MiB of
// RSS (docs/adr/0004), more than the whole memory budget of an idle controller.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ClusterAccess {
  /** https://host:port, without a trailing slash. */
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** A static bearer token. */
  token?: string;
  /** A file holding a bearer token that rotates (projected ServiceAccount tokens); re-read as needed. */
  tokenFile?: string;
  insecureSkipTLSVerify?: boolean;
  /** The kubeconfig context's namespace, or the pod's namespace in-cluster. */
  namespace: string;
}

const inClusterDir = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Resolves cluster access the way kubectl and controller-runtime do: an explicit kubeconfig path, then
 * $KUBECONFIG (its first file), then in-cluster credentials, then ~/.kube/config.
 */
export function loadClusterAccess(options: { kubeconfig?: string; context?: string; env?: NodeJS.ProcessEnv } = {}): ClusterAccess {
  const env = options.env ?? process.env;
  const explicit = options.kubeconfig ?? env['KUBECONFIG']?.split(':').find((p) => p.length > 0);
  if (explicit) return fromKubeconfig(readFileSync(explicit, 'utf8'), explicit, options.context);
  if (env['KUBERNETES_SERVICE_HOST'] && existsSync(join(inClusterDir, 'token'))) return inCluster(env);
  const home = join(homedir(), '.kube', 'config');
  if (existsSync(home)) return fromKubeconfig(readFileSync(home, 'utf8'), home, options.context);
  throw new Error('no Kubernetes credentials: set --kubeconfig or KUBECONFIG, or run in a cluster');
}

function inCluster(env: NodeJS.ProcessEnv): ClusterAccess {
  const host = env['KUBERNETES_SERVICE_HOST']!;
  const port = env['KUBERNETES_SERVICE_PORT'] ?? '443';
  const namespaceFile = join(inClusterDir, 'namespace');
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ca: readFileSync(join(inClusterDir, 'ca.crt')),
    tokenFile: join(inClusterDir, 'token'),
    namespace: existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : 'default',
  };
}

/**
 * A kubeconfig as data. `yaml` is loaded only here, at the first kubeconfig read, so that an in-cluster
 * controller never loads it (about 2 MiB of RSS in a bundle), and JSON kubeconfigs skip it too. A bundler
 * inlines the plain require() and initialises the module only when called; run unbundled as ESM, where
 * require is not defined, createRequire finds the same package.
 */
function parseDocument(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      // JSON-looking YAML (flow style with comments, say): let the YAML parser judge it.
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous and lazy on purpose: see above
  const yaml = (typeof require === 'function' ? require('yaml') : createRequire(import.meta.url)('yaml')) as typeof import('yaml');
  return yaml.parse(text);
}

interface NamedEntry<T> {
  name: string;
  [key: string]: unknown;
  value?: T;
}

/** How far to trust a kubeconfig document. */
export interface KubeconfigTrust {
  /**
   * Whether the document may name files on this machine (certificate-authority, client-certificate,
   * client-key, tokenFile). True for the controller's own kubeconfig; false for one a tenant stored in a
   * Secret, or it could make the controller read its own service-account token and send it anywhere.
   */
  allowFiles?: boolean;
}

/** Parses a kubeconfig document; `path` resolves relative file references, as kubectl does. */
export function fromKubeconfig(text: string, path: string, contextName?: string, trust: KubeconfigTrust = {}): ClusterAccess {
  const doc = (parseDocument(text) ?? {}) as Record<string, unknown>;
  const pick = <T>(list: unknown, name: string | undefined, key: string): T => {
    const entry = (Array.isArray(list) ? (list as NamedEntry<T>[]) : []).find((e) => e.name === name);
    if (!entry) throw new Error(`kubeconfig ${path}: no ${key} named "${name}"`);
    return entry[key] as T;
  };
  const ctxName = contextName ?? (doc['current-context'] as string | undefined);
  const ctx = pick<{ cluster: string; user?: string; namespace?: string }>(doc['contexts'], ctxName, 'context');
  const cluster = pick<Record<string, unknown>>(doc['clusters'], ctx.cluster, 'cluster');
  const user = ctx.user ? pick<Record<string, unknown>>(doc['users'], ctx.user, 'user') : {};
  const dir = path.slice(0, Math.max(0, path.lastIndexOf('/'))) || '.';
  const allowFiles = trust.allowFiles ?? true;
  const refuseFile = (field: string) => {
    throw new Error(`kubeconfig ${path}: ${field} names a file on the controller's machine, which a kubeconfig from a Secret may not do; embed the data instead (${field}-data or token)`);
  };
  const material = (data: unknown, file: unknown, field: string): Buffer | undefined => {
    if (typeof data === 'string') return Buffer.from(data, 'base64');
    if (typeof file === 'string') {
      if (!allowFiles) refuseFile(field);
      return readFileSync(file.startsWith('/') ? file : join(dir, file));
    }
    return undefined;
  };
  if (user['exec'] || user['auth-provider']) {
    throw new Error(`kubeconfig ${path}: user "${ctx.user}" uses an exec or auth-provider plugin, which Conflux does not support yet; use a token or client certificate`);
  }
  const access: ClusterAccess = {
    server: String(cluster['server'] ?? '').replace(/\/+$/, ''),
    namespace: ctx.namespace ?? 'default',
  };
  const ca = material(cluster['certificate-authority-data'], cluster['certificate-authority'], 'certificate-authority');
  const cert = material(user['client-certificate-data'], user['client-certificate'], 'client-certificate');
  const key = material(user['client-key-data'], user['client-key'], 'client-key');
  if (ca) access.ca = ca;
  if (cert) access.cert = cert;
  if (key) access.key = key;
  if (typeof user['token'] === 'string') access.token = user['token'];
  if (typeof user['tokenFile'] === 'string') {
    if (!allowFiles) refuseFile('tokenFile');
    access.tokenFile = user['tokenFile'];
  }
  if (cluster['insecure-skip-tls-verify'] === true) access.insecureSkipTLSVerify = true;
  if (!access.server) throw new Error(`kubeconfig ${path}: cluster "${ctx.cluster}" has no server`);
  return access;
}
