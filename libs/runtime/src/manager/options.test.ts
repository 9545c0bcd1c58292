import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlags } from '../flags.ts';
import { firstKubeconfig, leaderElectionID, managerSpecsWith, natsServers, runtimeNamespace } from './options.ts';

describe('manager options', () => {
  it('GIVEN no selector WHEN naming the Lease THEN it is upstream\'s <name>-leader-election', () => {
    assert.equal(leaderElectionID('source-controller', ''), 'source-controller-leader-election');
  });

  it('GIVEN shards with different selectors WHEN naming their Leases THEN each gets its own, stable name', () => {
    const a = leaderElectionID('source-controller', 'sharding.fluxcd.io/key=shard1');
    const b = leaderElectionID('source-controller', 'sharding.fluxcd.io/key=shard2');
    assert.match(a, /^source-controller-leader-election-[0-9a-f]{1,8}$/);
    assert.notEqual(a, b);
    assert.equal(a, leaderElectionID('source-controller', 'sharding.fluxcd.io/key=shard1'));
  });

  it('GIVEN RUNTIME_NAMESPACE WHEN resolving the runtime namespace THEN it wins over the kubeconfig; else the kubeconfig\'s is used', () => {
    assert.equal(runtimeNamespace({ RUNTIME_NAMESPACE: 'flux-system' }, { namespace: 'default' }), 'flux-system');
    assert.equal(runtimeNamespace({}, { namespace: 'team-a' }), 'team-a');
    assert.equal(runtimeNamespace({ RUNTIME_NAMESPACE: '' }, { namespace: '' }), 'default');
  });

  it('GIVEN NATS_URL and KUBECONFIG in the environment WHEN parsed THEN they fill --nats-url and --kubeconfig; a flag wins', () => {
    const specs = managerSpecsWith({});
    const fromEnv = parseFlags(specs, [], { NATS_URL: 'nats://a:4222', KUBECONFIG: '/x:/y' });
    assert.equal(fromEnv['natsUrl'], 'nats://a:4222');
    assert.equal(firstKubeconfig(fromEnv['kubeconfig'] as string), '/x');
    const fromFlag = parseFlags(specs, ['--nats-url=nats://b:4222', '--graceful-shutdown-timeout=10s'], { NATS_URL: 'nats://a:4222' });
    assert.equal(fromFlag['natsUrl'], 'nats://b:4222');
    assert.equal(fromFlag['gracefulShutdownTimeoutMs'], 10_000);
  });

  it('GIVEN an app default for the grace period WHEN nothing overrides it THEN the app default applies', () => {
    const values = parseFlags(managerSpecsWith({ gracefulShutdownTimeoutMs: 600_000 }), [], {});
    assert.equal(values['gracefulShutdownTimeoutMs'], 600_000);
  });

  it('GIVEN a comma-separated or empty --nats-url WHEN split THEN empty means NATS is off', () => {
    assert.deepEqual(natsServers(''), []);
    assert.deepEqual(natsServers(' nats://a:4222 , nats://b:4222,'), ['nats://a:4222', 'nats://b:4222']);
    assert.equal(firstKubeconfig(''), undefined);
  });
});
