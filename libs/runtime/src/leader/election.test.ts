import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { CoordinationV1Api, V1MicroTime } from '@kubernetes/client-node';
import { controlPlaneForSuite, eventually, freshNamespace, type SuiteControlPlane, type TestNamespace } from '@conflux/testing';
import { KubeClient } from '../kube/client.ts';
import { loadClusterAccess } from '../kube/config.ts';
import { LeaderElector, type LeaderElectorOptions } from './election.ts';

const fast = { leaseDurationMs: 4_000, renewDeadlineMs: 3_000, retryPeriodMs: 300 } as const;

// At module level: the control plane must outlive every test in the file, not just a hook.
const plane: SuiteControlPlane = await controlPlaneForSuite();

describe('LeaderElector against the real control plane', () => {
  let ns: TestNamespace;
  let leases: CoordinationV1Api;
  let client: KubeClient;
  const stops: (() => Promise<void>)[] = [];

  before(async () => {
    ns = await freshNamespace(plane.clients, 'leader');
    leases = plane.clients.kubeconfig.makeApiClient(CoordinationV1Api);
    client = new KubeClient(loadClusterAccess({ kubeconfig: plane.kubeconfig }));
  });
  after(async () => {
    for (const stop of stops) await stop();
    client.close();
    await ns.remove();
  });

  /** An in-process candidate that records what it was told. */
  function candidate(name: string, identity: string, timings: Partial<LeaderElectorOptions> = fast) {
    const state = { started: 0, stopped: 0, signal: undefined as AbortSignal | undefined, leaders: [] as string[] };
    const elector = new LeaderElector({
      client,
      namespace: ns.name,
      name,
      identity,
      ...timings,
      onStartedLeading: (signal) => {
        state.started++;
        state.signal = signal;
      },
      onStoppedLeading: () => {
        state.stopped++;
      },
      onNewLeader: (id) => state.leaders.push(id),
    });
    const stop = new AbortController();
    const outcome = elector.run(stop.signal);
    stops.push(async () => {
      stop.abort();
      await outcome;
    });
    return { elector, state, outcome, stop };
  }

  async function holder(name: string): Promise<string | undefined> {
    const lease = await leases.readNamespacedLease({ name, namespace: ns.name });
    return lease.spec?.holderIdentity || undefined;
  }

  it('GIVEN two candidates for one Lease WHEN both campaign THEN exactly one leads and the Lease names it', async () => {
    const a = candidate('pair', 'a');
    const b = candidate('pair', 'b');
    const leader = await eventually('one candidate to lead', () => (a.elector.isLeader() ? a : b.elector.isLeader() ? b : undefined));
    const standby = leader === a ? b : a;

    // Watch for a while, through several renewals: at no sample may both lead.
    for (let i = 0; i < 20; i++) {
      assert.ok(!(a.elector.isLeader() && b.elector.isLeader()), 'both candidates lead at once');
      await new Promise((r) => setTimeout(r, 150));
    }
    assert.equal(leader.elector.isLeader(), true);
    assert.equal(standby.elector.isLeader(), false);
    assert.equal(standby.state.started, 0);
    assert.equal(await holder('pair'), leader === a ? 'a' : 'b');
    assert.equal(standby.elector.leader(), leader === a ? 'a' : 'b');
  });

  it('GIVEN a leader and a standby with a long lease WHEN the leader releases THEN the standby leads at once, not after expiry', async () => {
    const slow = { leaseDurationMs: 60_000, renewDeadlineMs: 40_000, retryPeriodMs: 300 };
    const first = candidate('handover', 'first', slow);
    await eventually('first to lead', () => first.elector.isLeader());
    const second = candidate('handover', 'second', slow);
    await eventually('second to see the leader', () => second.elector.leader() === 'first');

    await first.elector.release();

    assert.equal(first.elector.isLeader(), false);
    assert.equal(first.state.signal?.aborted, true, 'the leader work signal is aborted on release');
    assert.equal(first.state.stopped, 1);
    assert.equal(await first.outcome, 'released');
    // Far below the 60 s lease: only an explicit hand-back makes this possible.
    await eventually('second to lead after the release', () => second.elector.isLeader(), { timeoutMs: 10_000 });
    assert.equal(await holder('handover'), 'second');
  });

  it('GIVEN a leader WHEN someone else takes the Lease so it cannot renew THEN it stops leading within the renew deadline', async () => {
    const victim = candidate('stolen', 'victim');
    await eventually('victim to lead', () => victim.elector.isLeader());

    const lease = await leases.readNamespacedLease({ name: 'stolen', namespace: ns.name });
    lease.spec = { ...lease.spec, holderIdentity: 'usurper', renewTime: new V1MicroTime(), leaseDurationSeconds: 3600 };
    await leases.replaceNamespacedLease({ name: 'stolen', namespace: ns.name, body: lease });

    await eventually('victim to give up', () => victim.state.signal?.aborted === true, { timeoutMs: fast.renewDeadlineMs + 5_000 });
    assert.equal(victim.elector.isLeader(), false);
    assert.equal(victim.state.stopped, 1);
    assert.equal(await victim.outcome, 'lost');
    assert.equal(await holder('stolen'), 'usurper', 'a leader that lost must not write the Lease again');
  });

  it('GIVEN two candidate processes WHEN the leader is killed with SIGKILL THEN the standby leads within lease duration + 2 s', async (t) => {
    const a = spawnCandidate(plane.kubeconfig, ns.name, 'kill9', 'proc-a');
    stops.push(() => killed(a.child));
    await a.waitFor('leading');
    const b = spawnCandidate(plane.kubeconfig, ns.name, 'kill9', 'proc-b');
    stops.push(() => killed(b.child));
    await b.waitFor('standby');
    // Let the standby see a few renewals, so it is a real standby and not still starting.
    await new Promise((r) => setTimeout(r, 2 * fast.retryPeriodMs + 500));
    assert.equal(b.lines.includes('leading'), false, 'the standby must not lead while the leader lives');

    const killedAt = Date.now();
    a.child.kill('SIGKILL');
    await b.waitFor('leading', fast.leaseDurationMs + 10_000);
    const takeoverMs = Date.now() - killedAt;
    t.diagnostic(`standby took over ${takeoverMs} ms after the SIGKILL (lease ${fast.leaseDurationMs} ms)`);

    assert.ok(takeoverMs <= fast.leaseDurationMs + 2_000, `standby took ${takeoverMs} ms to take over`);
    assert.equal(await holder('kill9'), 'proc-b');
  });
});

interface Candidate {
  child: ChildProcess;
  lines: string[];
  waitFor(line: string, timeoutMs?: number): Promise<void>;
}

function spawnCandidate(kubeconfig: string, namespace: string, lease: string, identity: string): Candidate {
  const script = fileURLToPath(new URL('./test-candidate.ts', import.meta.url));
  const args = [script, kubeconfig, namespace, lease, identity, String(fast.leaseDurationMs), String(fast.renewDeadlineMs), String(fast.retryPeriodMs)];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters: { line: string; resolve: () => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.filter((w) => w.line === line)) w.resolve();
  });
  return {
    child,
    lines,
    waitFor(line, timeoutMs = 30_000) {
      if (lines.includes(line)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${identity} did not print "${line}" within ${timeoutMs} ms`)), timeoutMs);
        child.once('exit', (code, signal) => reject(new Error(`${identity} exited (${code ?? signal}) before printing "${line}"`)));
        waiters.push({ line, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
