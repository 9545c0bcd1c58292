// A module for `node --test --test-global-setup`: one control plane for every test file of the run,
// started before the first file and stopped after the last. Test files find it through the environment
// (see suite.ts), which the runner passes on to each file's process.
import { type ControlPlane, startControlPlane } from './controlplane.ts';
import { sharedControlPlaneEnv } from './suite.ts';

let plane: ControlPlane | undefined;

export async function globalSetup(): Promise<void> {
  plane = await startControlPlane({ log: (line) => process.stderr.write(`${line}\n`) });
  process.env[sharedControlPlaneEnv] = plane.dir;
}

export async function globalTeardown(): Promise<void> {
  await plane?.stop();
}
