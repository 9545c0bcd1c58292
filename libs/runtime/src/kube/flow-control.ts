// Upstream's controllers turn their client-side throttling off when the API server does priority and
// fairness (APF): the server then queues and sheds load itself, fairly between clients, and a token
// bucket in each controller only adds latency. --kube-api-qps and --kube-api-burst apply only to an API
// server without it. The tell is a flow-control header on any response; /livez/ping is the cheapest one.
import type { KubeClient } from './client.ts';

/** The headers an APF-enabled API server adds to every response it classified. */
export const flowControlHeaders = ['x-kubernetes-pf-flowschema-uid', 'x-kubernetes-pf-prioritylevel-uid'] as const;

/**
 * True when the API server behind `client` answered with priority-and-fairness headers. An error or an
 * unreachable server counts as "no": the client then keeps its token bucket, which is the safe side.
 */
export async function serverHasFlowControl(client: KubeClient): Promise<boolean> {
  try {
    const res = await client.raw('GET', '/livez/ping');
    return flowControlHeaders.some((h) => res.headers[h] !== undefined);
  } catch {
    return false;
  }
}

/**
 * Probes the server and, when it does priority and fairness, lifts the client's token bucket. Returns
 * whether it did, so the caller can say so once in its log.
 */
export async function throttleUnlessFlowControl(client: KubeClient): Promise<boolean> {
  const enabled = await serverHasFlowControl(client);
  if (enabled) client.disableRateLimit();
  return enabled;
}
