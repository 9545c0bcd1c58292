// source-controller's own flags, beside the runtime's shared ones (reference §7). Names, environment
// variables and defaults are upstream's, so Flux Deployments' `args:` keep working.
import { DigestAlgorithm } from '@conflux/artifact';
import type { FlagSpecs } from '@conflux/runtime';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sourceFlagSpecs = {
  storagePath: {
    flag: 'storage-path',
    type: 'string',
    default: '/data',
    env: 'STORAGE_PATH',
    usage: 'The local storage path; it must exist.',
  },
  storageAddr: {
    flag: 'storage-addr',
    type: 'string',
    default: ':9090',
    env: 'STORAGE_ADDRESS',
    usage: 'The address the static file server binds to.',
  },
  storageAdvAddr: {
    flag: 'storage-adv-addr',
    type: 'string',
    default: '',
    env: 'STORAGE_ADV_ADDR',
    usage: 'The advertised address of the static file server, used in artifact URLs.',
  },
  artifactRetentionTTLMs: {
    flag: 'artifact-retention-ttl',
    type: 'duration',
    default: 60_000,
    min: 0,
    usage: 'How long an old artifact file is kept before garbage collection.',
  },
  artifactRetentionRecords: {
    flag: 'artifact-retention-records',
    type: 'int',
    default: 2,
    min: 1,
    usage: 'How many artifact files of one object are kept, the current one included.',
  },
  artifactDigestAlgo: {
    flag: 'artifact-digest-algo',
    type: 'string',
    default: DigestAlgorithm.SHA256,
    choices: Object.values(DigestAlgorithm),
    usage: 'The algorithm of artifact digests.',
  },
  // Conflux's own: where each remote's bare repository is kept between reconciles (docs: libs/git cache.ts).
  gitCachePath: {
    flag: 'git-cache-path',
    type: 'string',
    default: join(tmpdir(), 'conflux-git-cache'),
    env: 'GIT_CACHE_PATH',
    usage: 'Where fetched Git objects are cached, so a new commit fetches only the new objects.',
  },
} satisfies FlagSpecs;
