/**
 * A raw HTTPS request to the API server with the kubeconfig's credentials. The e2e tests need what the
 * typed clients hide: the Table representation kubectl prints, the Warning headers of deprecated
 * versions, and the exact body of a validation error.
 */
import { request } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface KubeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json<T = unknown>(): T;
}

export async function kubeRequest(
  kubeconfig: KubeConfig,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<KubeResponse> {
  const cluster = kubeconfig.getCurrentCluster();
  if (!cluster) throw new Error('kubeRequest: the kubeconfig has no current cluster');
  const url = new URL(path, cluster.server);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const requestOptions: Parameters<KubeConfig['applyToHTTPSOptions']>[0] & { headers: Record<string, string> } = {
    method,
    headers: {
      accept: 'application/json',
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
  };
  await kubeconfig.applyToHTTPSOptions(requestOptions);
  return new Promise((resolve, reject) => {
    const req = request(url, requestOptions as Parameters<typeof request>[1], (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
