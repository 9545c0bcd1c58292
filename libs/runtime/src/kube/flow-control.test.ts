import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { controlPlaneForSuite, freePort, type SuiteControlPlane } from '@conflux/testing';
import { KubeClient } from './client.ts';
import { loadClusterAccess } from './config.ts';
import { serverHasFlowControl, throttleUnlessFlowControl } from './flow-control.ts';

describe('client-side throttling and the API server’s priority and fairness', () => {
  let plane: SuiteControlPlane;
  let plain: Server;
  let plainURL: string;

  before(async () => {
    plane = await controlPlaneForSuite();
    // A real HTTP server that answers the ping as an API server without APF would: no flow-control headers.
    plain = createServer((req, res) => {
      res.writeHead(req.url === '/livez/ping' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    plainURL = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => plain.close(() => resolve())));

  it('GIVEN the real API server (APF on, as in every supported Kubernetes) WHEN probed THEN the token bucket is lifted', async () => {
    const client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }), { qps: 1, burst: 1 });
    try {
      assert.equal(client.rateLimited, true);
      assert.equal(await throttleUnlessFlowControl(client), true);
      assert.equal(client.rateLimited, false);
    } finally {
      client.close();
    }
  });

  it('GIVEN a server that sends no flow-control headers WHEN probed THEN the client keeps --kube-api-qps and --kube-api-burst', async () => {
    const client = new KubeClient({ server: plainURL, namespace: 'default' }, { qps: 50, burst: 300 });
    try {
      assert.equal(await serverHasFlowControl(client), false);
      assert.equal(await throttleUnlessFlowControl(client), false);
      assert.equal(client.rateLimited, true);
    } finally {
      client.close();
    }
  });

  it('GIVEN nothing listening WHEN probed THEN the answer is "no" rather than an error, and the client stays throttled', async () => {
    const client = new KubeClient({ server: `http://127.0.0.1:${await freePort()}`, namespace: 'default' }, { timeoutMs: 2000 });
    try {
      assert.equal(await throttleUnlessFlowControl(client), false);
      assert.equal(client.rateLimited, true);
    } finally {
      client.close();
    }
  });
});
