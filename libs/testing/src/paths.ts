import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root: the nearest ancestor of this file that holds nx.json. */
export function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${import.meta.dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * Where built tools are cached, outside the repository so a fresh clone on the same machine reuses them.
 * CONFLUX_CACHE_DIR overrides it; XDG_CACHE_HOME is honoured as usual.
 */
export function cacheDir(): string {
  return process.env['CONFLUX_CACHE_DIR'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'conflux');
}
