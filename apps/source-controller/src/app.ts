// source-controller as a value: the Manager, the artifact store, the GitRepository controller and the
// artifact server, wired together. main.ts runs it as a process; tests run it in-process.
import { mkdir } from 'node:fs/promises';
import { apiResources } from '@conflux/api';
import { advertisedStorageAddress, type ArtifactStorage, type DigestAlgorithm, openStorage } from '@conflux/artifact';
import { createManager, type ManagedController, type Manager, type ManagerOptions, objectKey } from '@conflux/runtime';
import { sourceFlagSpecs } from './flags.ts';
import type { GitRepositoryObject } from './gitrepository/context.ts';
import { gitRepositoryReconciler } from './gitrepository/reconciler.ts';
import { type ArtifactServer, startArtifactServer } from './server.ts';

export interface SourceControllerOptions {
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Default true; in-process tests turn it off. */
  handleSignals?: boolean;
  logDestination?: ManagerOptions<Record<never, never>>['logDestination'];
}

export interface SourceController {
  manager: Manager;
  storage: ArtifactStorage;
  gitRepositories: ManagedController<GitRepositoryObject>;
  /** The artifact server, once this replica leads. */
  readonly server: ArtifactServer | undefined;
  /** Starts the manager; the artifact server follows once this replica is elected, as upstream. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const includeIndex = 'include';

export async function createSourceController(options: SourceControllerOptions = {}): Promise<SourceController> {
  const manager = await createManager({
    name: 'source-controller',
    argv: options.argv ?? process.argv.slice(2),
    env: options.env ?? process.env,
    defaults: { concurrent: 2 },
    extraFlags: sourceFlagSpecs,
    ...(options.handleSignals === undefined ? {} : { handleSignals: options.handleSignals }),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  const flags = manager.flags;
  // Upstream requires --storage-path to exist; creating it lets `npm start` and bare runs work too.
  await mkdir(flags.storagePath, { recursive: true });
  const storage = await openStorage({
    root: flags.storagePath,
    advertisedAddress: advertisedStorageAddress(flags.storageAddr, flags.storageAdvAddr),
    digestAlgorithm: flags.artifactDigestAlgo as DigestAlgorithm,
    retentionTTLMs: flags.artifactRetentionTTLMs,
    retentionRecords: flags.artifactRetentionRecords,
  });
  await mkdir(flags.gitCachePath, { recursive: true });

  const git: ManagedController<GitRepositoryObject> = manager.controller<GitRepositoryObject>({
    resource: apiResources.GitRepository,
    reconciler: gitRepositoryReconciler({
      client: manager.client,
      storage,
      gitCachePath: flags.gitCachePath,
      requeueDependencyMs: flags.requeueDependencyMs,
      lookup: (namespace, name) => git.cache.get(`${namespace}/${name}`),
    }),
  });
  // Beyond upstream, which polls every --requeue-dependency: a GitRepository that includes another one
  // is enqueued as soon as that one's artifact changes.
  git.cache.addIndex(includeIndex, (o) => (o.spec.include ?? []).map((i) => `${o.metadata.namespace}/${i.repository.name}`));
  git.cache.on({
    add: (o) => enqueueIncluders(o),
    update: (prev, cur) => {
      if (prev.status?.artifact?.digest !== cur.status?.artifact?.digest) enqueueIncluders(cur);
    },
  });
  function enqueueIncluders(o: GitRepositoryObject): void {
    for (const includer of git.cache.byIndex(includeIndex, objectKey(o))) git.enqueue(objectKey(includer));
  }

  let server: ArtifactServer | undefined;
  let serving: Promise<void> | undefined;
  return {
    manager: manager as unknown as Manager,
    storage,
    gitRepositories: git,
    get server() {
      return server;
    },
    async start() {
      await manager.start();
      serving = manager.elected.then(async () => {
        if (manager.state === 'stopping' || manager.state === 'stopped') return;
        server = await startArtifactServer(flags.storagePath, flags.storageAddr);
        manager.log.info({ addr: flags.storageAddr, url: server.url }, 'artifact server started');
      });
      serving.catch((error: unknown) => {
        manager.log.error({ error }, 'artifact server failed to start');
        void manager.stop().finally(() => process.exit(1));
      });
    },
    async stop() {
      await manager.stop();
      await serving?.catch(() => undefined);
      await server?.close();
    },
  };
}
