// Builds the single-file bundle bin/conflux-helm.js runs, and records what went into it so the bin can
// tell when it is stale without rebuilding. Loaded only when the bundle is missing or out of date.

import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface BundleManifest {
  /** The bundle's file name inside the bundle directory. */
  bundle: string;
  /** Every source file esbuild read: absolute path, size and mtime (ms) when the bundle was built. */
  inputs: [string, number, number][];
}

/**
 * A regular expression with a non-ASCII character makes V8 keep the whole bundle's source as UTF-16,
 * twice the memory; \uXXXX means the same in strings, identifiers and patterns.
 */
export function asciiOnly(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}

/** Bundles `entry` into `dir`/main.mjs and writes `dir`/manifest.json; returns the bundle's path. */
export async function buildCliBundle(entry: string, dir: string): Promise<string> {
  const started = Date.now();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    outfile: join(dir, 'main.mjs'),
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    charset: 'ascii',
    metafile: true,
    logLevel: 'silent',
    // The yaml package is CommonJS; an ESM bundle has to give it require().
    banner: { js: "import { createRequire as __conflux_createRequire } from 'node:module'; const require = __conflux_createRequire(import.meta.url);" },
  });
  const cwd = process.cwd();
  const inputs: BundleManifest['inputs'] = [];
  for (const input of Object.keys(result.metafile.inputs)) {
    const path = isAbsolute(input) ? input : resolve(cwd, input);
    const st = await stat(path);
    // A file saved while esbuild ran may or may not be in the bundle: record it as changed.
    inputs.push([path, st.size, st.mtimeMs < started ? st.mtimeMs : -1]);
  }
  await mkdir(dir, { recursive: true });
  // Renamed into place, so a concurrent run sees the old files or the new ones, never half of one.
  const bundle = join(dir, 'main.mjs');
  const tmp = `.${process.pid}.tmp`;
  await writeFile(bundle + tmp, asciiOnly(result.outputFiles[0]!.text));
  await rename(bundle + tmp, bundle);
  const manifest: BundleManifest = { bundle: 'main.mjs', inputs };
  await writeFile(join(dir, 'manifest.json') + tmp, JSON.stringify(manifest));
  await rename(join(dir, 'manifest.json') + tmp, join(dir, 'manifest.json'));
  return bundle;
}
