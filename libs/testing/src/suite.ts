import { after } from 'node:test';
import { attachControlPlane, type ControlPlaneEndpoints, startControlPlane } from './controlplane.ts';
import { type KubeClients, kubeClients } from './kube.ts';

/** Set by global-setup.ts to the directory of a control plane shared by every test file of a run. */
export const sharedControlPlaneEnv = 'CONFLUX_CONTROLPLANE_DIR';

export interface SuiteControlPlane extends ControlPlaneEndpoints {
  clients: KubeClients;
}

/**
 * The control plane for the calling test file. When the run has a shared one (node --test
 * --test-global-setup=@conflux/testing/global-setup), the file attaches to it; otherwise, as when a
 * single file is run by hand, it starts its own and stops it after the file's tests.
 */
export async function controlPlaneForSuite(): Promise<SuiteControlPlane> {
  const shared = process.env[sharedControlPlaneEnv];
  if (shared) {
    const endpoints = await attachControlPlane(shared);
    return { ...endpoints, clients: kubeClients(endpoints.kubeconfig) };
  }
  const plane = await startControlPlane({ log: (line) => process.stderr.write(`${line}\n`) });
  after(() => plane.stop());
  return { ...plane, clients: kubeClients(plane.kubeconfig) };
}
