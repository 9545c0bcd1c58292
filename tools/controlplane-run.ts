// npm run controlplane: the control plane alone, in the foreground, with its state in tmp/controlplane
// kept between runs. Ctrl-C stops it.
import { join } from 'node:path';
import { repoRoot, startControlPlane } from '@conflux/testing';

const dir = join(repoRoot(), 'tmp', 'controlplane');
const plane = await startControlPlane({ dir, log: (l) => process.stderr.write(`${l}\n`) });
process.stdout.write(`control plane ready: KUBECONFIG=${plane.kubeconfig} NATS_URL=${plane.natsURL}\n`);
const stop = () => void plane.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
