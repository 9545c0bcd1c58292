#!/usr/bin/env node
// @ts-check
// The `conflux-helm` bin. It is plain JavaScript on purpose: an entry point in TypeScript makes Node
// load its type stripper (about 250 ms of WebAssembly start-up) before running a single line, and the
// ~100 source modules behind it cost as much again to compile one by one. So the bin runs one esbuild
// bundle of src/cli/main.ts, kept in the cache and rebuilt whenever a file that went into it changes
// (size or mtime), with Node's compile cache on. Without esbuild (no dev dependencies) it runs the
// TypeScript sources, which is slower but the same program.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const libDir = dirname(dirname(fileURLToPath(import.meta.url)));
const sourceEntry = join(libDir, 'src', 'cli', 'main.ts');

/** One bundle per checkout, under the cache Conflux uses for its other built tools. */
function bundleDir() {
  const root = process.env['CONFLUX_CACHE_DIR'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'conflux');
  return join(root, 'conflux-helm', createHash('sha256').update(libDir).digest('hex').slice(0, 16));
}

/**
 * The bundle, if every input recorded when it was built still has the same size and mtime.
 * @param {string} dir
 * @returns {string | undefined}
 */
function freshBundle(dir) {
  /** @type {{ bundle: string, inputs: [string, number, number][] }} */
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    for (const [file, size, mtimeMs] of manifest.inputs) {
      const st = statSync(file);
      if (st.size !== size || st.mtimeMs !== mtimeMs) return undefined;
    }
  } catch {
    return undefined;
  }
  return join(dir, manifest.bundle);
}

async function entryPoint() {
  const dir = bundleDir();
  const cached = freshBundle(dir);
  if (cached) return cached;
  try {
    const { buildCliBundle } = await import('../src/cli/bundle.ts');
    return await buildCliBundle(sourceEntry, dir);
  } catch (err) {
    if (process.env['CONFLUX_HELM_DEBUG']) process.stderr.write(`conflux-helm: running the sources, no bundle: ${err}\n`);
    return sourceEntry;
  }
}

// The cache holds V8's code for the bundle, so later runs skip most of the parse and compile.
nodeModule.enableCompileCache?.(join(bundleDir(), 'v8'));
await import(pathToFileURL(await entryPoint()).href);
