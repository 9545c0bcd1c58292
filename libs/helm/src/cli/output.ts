// What `helm template` does with its output besides printing it: --show-only picks manifests by
// template path, --output-dir writes each template's documents to a file of its own.

import { appendFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathMatch } from '../chart/match.ts';
import { allCrds, type RenderedChart } from '../chart/render.ts';
import { splitManifests } from '../chart/manifests.ts';
import { chartFullPath, type Chart } from '../chart/types.ts';

const sourceLine = /# Source: [^/]+\/(.+)/;

function matches(pattern: string, path: string): boolean {
  try {
    return pathMatch(pattern, path);
  } catch {
    // helm ignores filepath.Match's ErrBadPattern: such a pattern matches nothing.
    return false;
  }
}

/** --show-only: the documents whose `# Source:` path (chart name dropped) matches a pattern, per pattern. */
export function showOnly(output: string, patterns: readonly string[]): string {
  const docs = splitManifests(output);
  let out = '';
  for (const pattern of patterns) {
    let found = false;
    for (const doc of docs) {
      const m = sourceLine.exec(doc);
      if (!m || !matches(pattern, m[1]!)) continue;
      out += `---\n${doc}\n`;
      found = true;
    }
    if (!found) throw new Error(`could not find template ${pattern} in chart`);
  }
  return out;
}

export interface OutputDirOptions {
  outputDir: string;
  releaseName: string;
  useReleaseName: boolean;
  includeCrds: boolean;
  skipTests: boolean;
}

/**
 * --output-dir: every template's documents in `<dir>/<template path>`, CRDs first, then manifests,
 * then hooks, each announced on stdout as helm does. Returns what helm prints.
 */
export function writeOutputDir(chart: Chart, rendered: RenderedChart, options: OutputDirOptions): string {
  let stdout = '';
  const written = new Set<string>();
  // helm joins the directory and the name as text, keeping a trailing slash; only the release folder is path-joined.
  const write = (dir: string, name: string, data: string, append: boolean): void => {
    const file = `${dir}/${name}`;
    mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
    const text = `---\n# Source: ${name}\n${data}\n`;
    if (append) appendFileSync(file, text);
    else writeFileSync(file, text, { mode: 0o644 });
    stdout += `wrote ${file}\n`;
  };
  const decoder = new TextDecoder();
  if (options.includeCrds) {
    for (const { chart: owner, file } of allCrds(chart)) {
      const name = `${chartFullPath(owner)}/${file.name}`;
      write(options.outputDir, name, decoder.decode(file.data), written.has(name));
      written.add(name);
    }
  }
  const dir = options.useReleaseName ? join(options.outputDir, options.releaseName) : options.outputDir;
  for (const m of rendered.manifests) {
    write(dir, m.name, m.content, written.has(m.name));
    written.add(m.name);
  }
  // Hooks append to a file that already exists, even one left by an earlier run, as helm's do.
  const hookWritten = new Set<string>();
  for (const h of rendered.hooks) {
    if (options.skipTests && h.events.includes('test')) continue;
    if (exists(join(dir, h.path))) hookWritten.add(h.path);
    write(dir, h.path, h.manifest, hookWritten.has(h.path));
  }
  // The manifest text helm prints after the files is empty.
  return `${stdout}\n`;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
