// Bundles one app into dist/apps/<name>/main.js with esbuild: the form production images run on Node 24.
// Usage: node tools/build-app.ts <app directory>
import { readFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '@conflux/testing';

export async function bundleApp(appDir: string): Promise<string> {
  const root = repoRoot();
  const dir = resolve(appDir);
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: string };
  const outfile = join(root, 'dist', relative(root, dir), 'main.js');
  await build({
    entryPoints: [join(dir, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    define: { CONFLUX_VERSION: JSON.stringify(pkg.version ?? '0.0.0') },
    // Some dependencies are CommonJS and call require(); an ESM bundle has to provide it.
    banner: { js: "import { createRequire as __conflux_createRequire } from 'node:module'; const require = __conflux_createRequire(import.meta.url);" },
  });
  return outfile;
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
