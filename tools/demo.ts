// The GitOps loop `npm start` sets up: podinfo's kustomize directory in a local Git repository, a
// GitRepository and a Kustomization pointing at it, and a working copy the user edits and pushes from.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, type GitServer, type KubeClients, repoRoot, startGitServer } from '@conflux/testing';

const exec = promisify(execFile);

export const demoNamespace = 'flux-system';
export const demoTargetNamespace = 'podinfo';
export const demoName = 'podinfo';

/** podinfo's kustomize directory, from the team's shared test data beside the repository. */
export const podinfoDir = join(repoRoot(), '..', 'shared', 'testdata', 'podinfo', 'kustomize');

export interface Demo {
  git: GitServer;
  repositoryURL: string;
  /** A clone of the demo repository whose `git push` goes straight to the served repository. */
  workingCopy: string;
  /** The revision Conflux applied first, e.g. main@sha1:…. */
  revision: string;
  /** What the Kustomization applied, as `Kind/name` in the target namespace. */
  applied: string[];
  close(): Promise<void>;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}
interface Kustomization {
  status?: {
    conditions?: Condition[];
    lastAppliedRevision?: string;
    inventory?: { entries?: Array<{ id: string }> };
  };
}

const kustomizeGroup = 'kustomize.toolkit.fluxcd.io';
const sourceGroup = 'source.toolkit.fluxcd.io';

export async function startDemo(clients: KubeClients, dir: string): Promise<Demo> {
  if (!existsSync(podinfoDir)) throw new Error(`the demo needs podinfo's kustomize directory at ${podinfoDir} (the team's shared test data)`);
  const git = await startGitServer();
  try {
    const repo = await git.createRepository(demoName);
    const files: Record<string, string> = {};
    for (const name of await readdir(podinfoDir)) files[name] = await readFile(join(podinfoDir, name), 'utf8');
    await repo.commit(files, 'podinfo: the kustomize directory');

    const workingCopy = join(dir, 'demo', demoName);
    await mkdir(join(dir, 'demo'), { recursive: true });
    await exec('git', ['clone', '--quiet', repo.bareDir, workingCopy]);
    // The user's own identity may not be configured on a fresh machine; commits in the demo still work.
    await exec('git', ['-C', workingCopy, 'config', 'user.name', 'Conflux Demo']);
    await exec('git', ['-C', workingCopy, 'config', 'user.email', 'demo@conflux.invalid']);

    for (const name of [demoNamespace, demoTargetNamespace]) {
      await clients.core.createNamespace({ body: { metadata: { name } } });
    }
    await clients.custom.createNamespacedCustomObject({
      group: sourceGroup,
      version: 'v1',
      namespace: demoNamespace,
      plural: 'gitrepositories',
      body: {
        apiVersion: `${sourceGroup}/v1`,
        kind: 'GitRepository',
        metadata: { name: demoName, namespace: demoNamespace },
        spec: { url: repo.url, interval: '1m', ref: { branch: 'main' } },
      },
    });
    await clients.custom.createNamespacedCustomObject({
      group: kustomizeGroup,
      version: 'v1',
      namespace: demoNamespace,
      plural: 'kustomizations',
      body: {
        apiVersion: `${kustomizeGroup}/v1`,
        kind: 'Kustomization',
        metadata: { name: demoName, namespace: demoNamespace },
        // No health wait: the local control plane has no nodes, so podinfo's Pods never run.
        spec: { interval: '10m', path: './', prune: true, targetNamespace: demoTargetNamespace, sourceRef: { kind: 'GitRepository', name: demoName } },
      },
    });

    const ready = await eventually(
      'the demo Kustomization to be Ready',
      async () => {
        const k = (await clients.custom.getNamespacedCustomObject({ group: kustomizeGroup, version: 'v1', namespace: demoNamespace, plural: 'kustomizations', name: demoName })) as Kustomization;
        const condition = k.status?.conditions?.find((c) => c.type === 'Ready');
        return condition?.status === 'True' ? k : undefined;
      },
      { timeoutMs: 120_000 },
    );
    const applied = (ready.status?.inventory?.entries ?? []).map((e) => {
      // Inventory ids are <namespace>_<name>_<group>_<kind>.
      const [, name, , kind] = e.id.split('_');
      return `${kind}/${name}`;
    });
    return { git, repositoryURL: repo.url, workingCopy, revision: ready.status?.lastAppliedRevision ?? '', applied, close: () => git.close() };
  } catch (err) {
    await git.close();
    throw err;
  }
}

/** The walkthrough printed under the demo: edit, commit, push, watch it apply. */
export function demoWalkthrough(demo: Demo, kubeconfig: string): string[] {
  return [
    'Demo: a GitOps loop on podinfo',
    `  Git repository  ${demo.repositoryURL}`,
    `  Working copy    ${demo.workingCopy}`,
    `  Applied         ${demo.revision} to namespace ${demoTargetNamespace}: ${demo.applied.join(', ')}`,
    '',
    'Try it in another terminal:',
    `  export KUBECONFIG=${kubeconfig}`,
    `  cd ${demo.workingCopy}`,
    "  sed -i 's/minReplicas: 2/minReplicas: 3/' hpa.yaml",
    '  git commit -qam "podinfo: at least three replicas" && git push -q',
    `  kubectl -n ${demoNamespace} annotate gitrepository/${demoName} reconcile.fluxcd.io/requestedAt="$(date +%s)" --overwrite`,
    `  kubectl -n ${demoTargetNamespace} get hpa ${demoName} -o jsonpath='{.spec.minReplicas}'   # 3, a moment later`,
    `  kubectl -n ${demoNamespace} get gitrepositories,kustomizations`,
    'Without the annotation the commit is picked up within the GitRepository\'s 1m interval.',
    'Remove a file from kustomization.yaml\'s resources and push: Conflux prunes what it held.',
  ];
}
