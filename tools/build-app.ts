// Bundles one app into dist/apps/<name>/main.js with esbuild: the form production images run on Node 24.
// Usage: node tools/build-app.ts <app directory>
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repoRoot } from '@conflux/testing';

/**
 * Bundles one entry point as production runs it; the benchmarks use it too, so they measure the same
 * bytes. The whole bundle's source stays in the V8 heap as one string for the life of the process:
 * whitespace and comments are dropped (names are kept, for stack traces and logs), and the output is
 * ASCII-only, because a single non-Latin-1 character in a comment made V8 store all of it as UTF-16,
 * which doubled it to 11 MiB.
 */
export async function bundleEntry(entry: string, outfile: string, options: { version?: string; sourcemap?: boolean } = {}): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    charset: 'ascii',
    ...(options.sourcemap === false ? {} : { sourcemap: 'linked' as const }),
    legalComments: 'linked',
    logLevel: 'warning',
    define: { CONFLUX_VERSION: JSON.stringify(options.version ?? '0.0.0') },
    // Some dependencies are CommonJS and call require(); an ESM bundle has to provide it.
    banner: { js: "import { createRequire as __conflux_createRequire } from 'node:module'; const require = __conflux_createRequire(import.meta.url);" },
    plugins: [httpThroughRequire],
  });
  await asciiOnly(outfile);
  return outfile;
}

/**
 * On Node 24 an ESM import of node:http or node:https builds the module's ESM facade, and reading its
 * WebSocket, CloseEvent and MessageEvent getters loads undici: about 2 MiB in an idle controller, 13 MiB
 * in a bare process (docs/benchmarks.md, notification-controller). require() skips the facade, so the
 * bundle takes both modules through the banner's require; named imports become property reads.
 */
const httpThroughRequire: Plugin = {
  name: 'http-through-require',
  setup(b) {
    const viaRequire = 'conflux-require';
    b.onResolve({ filter: /^(node:)?https?$/ }, (args) =>
      args.namespace === viaRequire ? { path: `node:${args.path.replace(/^node:/, '')}`, external: true } : { path: args.path.replace(/^node:/, ''), namespace: viaRequire },
    );
    b.onLoad({ filter: /.*/, namespace: viaRequire }, (args) => ({ contents: `module.exports = require('node:${args.path}');`, loader: 'js' }));
  },
};

/**
 * esbuild's ASCII charset leaves regular-expression literals alone, and a few dependencies (and our own
 * duration parser, with its µs) have non-ASCII characters there. A \uXXXX escape means the same inside a
 * regular expression, with or without the u flag, and inside strings and identifiers.
 */
export async function asciiOnly(file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  await writeFile(file, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

export async function bundleApp(appDir: string): Promise<string> {
  const root = repoRoot();
  const dir = resolve(appDir);
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: string };
  return bundleEntry(join(dir, 'src', 'main.ts'), join(root, 'dist', relative(root, dir), 'main.js'), { ...(pkg.version ? { version: pkg.version } : {}) });
}

if (import.meta.main) {
  const appDir = process.argv[2];
  if (!appDir) {
    process.stderr.write('usage: node tools/build-app.ts <app directory>\n');
    process.exit(2);
  }
  const out = await bundleApp(appDir);
  process.stdout.write(`bundled ${basename(resolve(appDir))} -> ${relative(process.cwd(), out)}\n`);
}
