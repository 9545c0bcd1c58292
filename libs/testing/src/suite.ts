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
 * single file is run by hand, it starts its own and stops it when the test process exits. Safe to call
 * at module level or from a before() hook.
 */
export async function controlPlaneForSuite(): Promise<SuiteControlPlane> {
  const shared = process.env[sharedControlPlaneEnv];
  if (shared) {
    const endpoints = await attachControlPlane(shared);
    return { ...endpoints, clients: kubeClients(endpoints.kubeconfig) };
  }
  const plane = await startControlPlane({ log: (line) => process.stderr.write(`${line}\n`) });
  // Not after(): called from inside a before() hook, node:test runs that after() as soon as the hook ends.
  plane.stopOnExit();
  return { ...plane, clients: kubeClients(plane.kubeconfig) };
}
