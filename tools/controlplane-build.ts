// npm run controlplane:build: compile the Go control plane into the cache, or report the cached one.
import { stat } from 'node:fs/promises';
import { ensureControlPlaneBinary } from '@conflux/testing';

const binary = await ensureControlPlaneBinary((line) => process.stderr.write(`${line}\n`));
const size = (await stat(binary.path)).size;
const how = binary.built ? `built in ${binary.buildSeconds.toFixed(0)} s` : 'cached';
process.stdout.write(`control plane: ${binary.path} (${(size / 2 ** 20).toFixed(1)} MiB, ${how})\n`);
