// A leader-election candidate in its own process, for election.test.ts: the kill -9 test needs a leader
// that dies without running any cleanup. Prints "standby" once campaigning and "leading" once it leads.
// Usage: node test-candidate.ts KUBECONFIG NAMESPACE LEASE IDENTITY LEASE_MS RENEW_MS RETRY_MS
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import { LeaderElector } from './election.ts';

const [kubeconfigPath, namespace, name, identity, leaseMs, renewMs, retryMs] = process.argv.slice(2);
if (!kubeconfigPath || !namespace || !name || !identity) {
  process.stderr.write('usage: test-candidate.ts KUBECONFIG NAMESPACE LEASE IDENTITY LEASE_MS RENEW_MS RETRY_MS\n');
  process.exit(2);
}

const elector = new LeaderElector({
  client: new KubeClient(loadClusterAccess({ kubeconfig: kubeconfigPath })),
  namespace,
  name,
  identity,
  leaseDurationMs: Number(leaseMs),
  renewDeadlineMs: Number(renewMs),
  retryPeriodMs: Number(retryMs),
  onStartedLeading: () => {
    process.stdout.write('leading\n');
  },
  onStoppedLeading: () => {
    process.stdout.write('stopped\n');
  },
});

process.once('SIGTERM', () => void elector.release().then(() => process.exit(0)));
process.stdout.write('standby\n');
await elector.run();
