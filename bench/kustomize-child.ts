// The fresh-process half of the kustomize benchmark: `node kustomize-child.ts ROOT DIR` builds ROOT/DIR
// from disk, prints the YAML stream, then reports its own peak resident memory on stderr. Reading
// /proc/self at the very end is exact, where polling the process from outside could miss the peak.
import { readFileSync } from 'node:fs';
import { build, diskFS, toYamlStream } from '@conflux/kustomize';

const [root, dir] = process.argv.slice(2);
if (!root || !dir) {
  process.stderr.write('usage: kustomize-child ROOT DIR\n');
  process.exit(2);
}
process.stdout.write(toYamlStream(build(diskFS(root), dir)), () => {
  const kB = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  process.stderr.write(`VmHWM ${kB} kB\n`);
});
