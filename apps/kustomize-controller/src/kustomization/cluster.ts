// Step: the client the manifests are applied with (reference §1.2 serviceAccountName and kubeConfig).
// A kubeConfig secretRef reaches a remote cluster (how a host-cluster controller drives a vcluster);
// serviceAccountName, or --default-service-account, impersonates that ServiceAccount so the API server
// authorises every write as it, whichever cluster that is.
import { KustomizeLabels, KustomizeReason } from '@conflux/api';
import { ResourceManager } from '@conflux/ssa';
import { coreResources, fromKubeconfig, isNotFound, KubeClient, serverHasFlowControl, stalled } from '@conflux/runtime';
import { fieldManager, type KustomizationDeps, type KustomizationObject, type StepContext, type StepResult } from './context.ts';
import { errorMessage, retry } from './outcome.ts';

// Upstream's key order when secretRef.key is empty.
const kubeconfigKeys = ['value', 'value.yaml'];

export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** The ServiceAccount to impersonate, if any. */
export function serviceAccountOf(object: KustomizationObject, deps: Pick<KustomizationDeps, 'defaultServiceAccount'>): string | undefined {
  return object.spec.serviceAccountName || deps.defaultServiceAccount || undefined;
}

/** Reads the kubeconfig Secret and returns its text; throws with a message that names what is missing. */
async function remoteKubeconfig(object: KustomizationObject, deps: KustomizationDeps): Promise<{ text: string; source: string }> {
  const ref = object.spec.kubeConfig!.secretRef!;
  const namespace = object.metadata.namespace ?? '';
  const secret = await deps.client.get<{ metadata: { name: string }; data?: Record<string, string> }>(coreResources.Secret, namespace, ref.name);
  const keys = ref.key ? [ref.key] : kubeconfigKeys;
  const key = keys.find((k) => secret.data?.[k] !== undefined);
  if (!key) throw new Error(`Secret '${namespace}/${ref.name}' has no kubeconfig under ${keys.map((k) => `'${k}'`).join(' or ')}`);
  return { text: Buffer.from(secret.data![key]!, 'base64').toString('utf8'), source: `Secret/${namespace}/${ref.name}` };
}

/**
 * A client for the target cluster, acting as the Kustomization's ServiceAccount when one applies. The
 * caller closes it unless it is the controller's own client.
 */
export async function targetClient(object: KustomizationObject, deps: KustomizationDeps): Promise<KubeClient> {
  const account = serviceAccountOf(object, deps);
  const impersonate = account ? { impersonateUser: serviceAccountUser(object.metadata.namespace ?? '', account) } : {};
  if (object.spec.kubeConfig?.secretRef) {
    const { text, source } = await remoteKubeconfig(object, deps);
    let access: ReturnType<typeof fromKubeconfig>;
    try {
      // A tenant's kubeconfig may not point the controller at files on its own machine.
      access = fromKubeconfig(text, source, undefined, { allowFiles: false });
    } catch (err) {
      throw new Error(`${source} does not hold a usable kubeconfig: ${errorMessage(err)}`, { cause: err });
    }
    const remote = new KubeClient(access, { userAgent: 'kustomize-controller', qps: deps.qps, burst: deps.burst, ...impersonate });
    // As for the controller's own cluster: a remote API server with priority and fairness needs no
    // client-side throttling. Asked once per server, not once per reconcile.
    if (await remoteFlowControl(access.server, remote)) remote.disableRateLimit();
    return remote;
  }
  if (!account) return deps.client;
  const client = new KubeClient(deps.client.access, { userAgent: 'kustomize-controller', qps: deps.qps, burst: deps.burst, ...impersonate });
  if (!deps.client.rateLimited) client.disableRateLimit();
  return client;
}

const flowControlTTLMs = 10 * 60_000;
const flowControlByServer = new Map<string, { enabled: boolean; at: number }>();

async function remoteFlowControl(server: string, client: KubeClient): Promise<boolean> {
  const known = flowControlByServer.get(server);
  if (known && Date.now() - known.at < flowControlTTLMs) return known.enabled;
  const enabled = await serverHasFlowControl(client);
  flowControlByServer.set(server, { enabled, at: Date.now() });
  return enabled;
}

export async function connectCluster(ctx: StepContext): Promise<StepResult> {
  if (ctx.object.spec.kubeConfig?.configMapRef) {
    return stalled(KustomizeReason.FeatureGateDisabled, 'kubeConfig.configMapRef (workload identity) is not supported by Conflux yet; use kubeConfig.secretRef');
  }
  let client: KubeClient;
  try {
    client = await targetClient(ctx.object, ctx.deps);
  } catch (err) {
    const what = isNotFound(err) ? `kubeconfig Secret '${ctx.object.spec.kubeConfig?.secretRef?.name}' not found` : errorMessage(err);
    return retry(ctx, KustomizeReason.ReconciliationFailed, `failed to build a client for the target cluster: ${what}`);
  }
  ctx.cluster = client;
  if (client !== ctx.deps.client) ctx.cleanups.push(() => client.close());
  ctx.resources = resourceManager(ctx.object, ctx.deps, client);
  return 'continue';
}

/** The owner labels that mark an object as this Kustomization's; prune requires both on the live object. */
export function ownerLabels(object: KustomizationObject): Record<string, string> {
  return { [KustomizeLabels.name]: object.metadata.name, [KustomizeLabels.namespace]: object.metadata.namespace ?? '' };
}

export function resourceManager(object: KustomizationObject, deps: KustomizationDeps, client: KubeClient): ResourceManager {
  // Discovery answers the same whoever asks, so the local cluster's is shared; a remote cluster gets its own.
  const mapper = object.spec.kubeConfig ? undefined : deps.mapper;
  return new ResourceManager(client, {
    fieldManager,
    ownerLabels: ownerLabels(object),
    ...(mapper ? { mapper } : {}),
    ...(deps.liveDigests ? { liveDigests: deps.liveDigests } : {}),
  });
}
