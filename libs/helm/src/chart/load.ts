// Helm's chart loader: from a directory (honouring .helmignore), from a .tgz, or from a list of files.
// Files are sorted into roles exactly as Helm's LoadFiles does; subcharts under charts/ load
// recursively, whether unpacked directories or archives.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeValuesYAML } from '../values/decode.ts';
import { parseHelmignore } from './helmignore.ts';
import { readChartLock } from './lock.ts';
import { readChartYAML, readDependencies, validateMetadata } from './metadata.ts';
import { readTarGz } from './tar.ts';
import type { Chart, ChartDependency, ChartFile } from './types.ts';

const utf8bom = [0xef, 0xbb, 0xbf];

function stripBOM(data: Uint8Array): Uint8Array {
  return data[0] === utf8bom[0] && data[1] === utf8bom[1] && data[2] === utf8bom[2] ? data.subarray(3) : data;
}

const text = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Builds a chart from its files (paths relative to the chart root), as Helm's LoadFiles. */
export function loadChartFiles(files: readonly ChartFile[]): Chart {
  let chart: Chart | undefined;
  const ensure = (): Chart =>
    (chart ??= {
      metadata: readChartYAML('name: ""'),
      values: {},
      templates: [],
      files: [],
      dependencies: [],
    });
  let sawChartYAML = false;
  const subcharts = new Map<string, ChartFile[]>();
  for (const f of files) {
    const c = ensure();
    if (f.name === 'Chart.yaml') {
      const deps = c.metadata.dependencies;
      c.metadata = readChartYAML(text(f.data));
      if (c.metadata.dependencies.length === 0) c.metadata.dependencies = deps;
      sawChartYAML = true;
    } else if (f.name === 'Chart.lock' || f.name === 'requirements.lock') {
      c.lock = readChartLock(text(f.data), f.name);
      if (f.name === 'requirements.lock' && c.metadata.apiVersion === 'v1') c.files.push(f);
    } else if (f.name === 'values.yaml') {
      try {
        c.values = decodeValuesYAML(text(f.data));
      } catch (err) {
        throw new Error(`cannot load values.yaml: ${(err as Error).message}`);
      }
    } else if (f.name === 'values.schema.json') {
      c.schema = f.data;
    } else if (f.name === 'requirements.yaml') {
      try {
        c.metadata.dependencies = readDependencies(decodeValuesYAML(text(f.data)).dependencies) as ChartDependency[];
      } catch (err) {
        throw new Error(`cannot load requirements.yaml: ${(err as Error).message}`);
      }
      if (c.metadata.apiVersion === 'v1') c.files.push(f);
    } else if (f.name.startsWith('templates/')) {
      c.templates.push(f);
    } else if (f.name.startsWith('charts/')) {
      if (f.name.endsWith('.prov')) {
        c.files.push(f);
        continue;
      }
      const rest = f.name.slice('charts/'.length);
      const cname = rest.split('/')[0]!;
      const list = subcharts.get(cname) ?? [];
      list.push({ name: rest, data: f.data });
      subcharts.set(cname, list);
    } else {
      c.files.push(f);
    }
  }
  if (!chart || !sawChartYAML) throw new Error('Chart.yaml file is missing');
  validateMetadata(chart.metadata);
  for (const [n, list] of subcharts) {
    if (n.startsWith('_') || n.startsWith('.')) continue;
    let sub: Chart;
    try {
      if (n.endsWith('.tgz')) {
        const file = list[0]!;
        if (file.name !== n) throw new Error(`error unpacking subchart tar in ${chart.metadata.name}: expected ${n}, got ${file.name}`);
        sub = loadChartArchive(file.data);
      } else {
        const inner: ChartFile[] = [];
        for (const f of list) {
          const slash = f.name.indexOf('/');
          if (slash >= 0) inner.push({ name: f.name.slice(slash + 1), data: f.data });
        }
        sub = loadChartFiles(inner);
      }
    } catch (err) {
      throw new Error(`error unpacking subchart ${n} in ${chart.metadata.name}: ${(err as Error).message}`);
    }
    sub.parent = chart;
    chart.dependencies.push(sub);
  }
  return chart;
}

/** Loads a packaged chart; its entries must sit under one top directory and never escape it. */
export function loadChartArchive(archive: Uint8Array): Chart {
  const files: ChartFile[] = [];
  const seen = new Set<string>();
  for (const entry of readTarGz(archive)) {
    const raw = entry.name.replaceAll('\\', '/');
    const parts = raw.split('/');
    const rel = parts.slice(1).join('/');
    if (rel.startsWith('/') || /^[a-zA-Z]:\//.test(raw)) throw new Error('chart illegally contains absolute paths');
    const clean = cleanPath(rel);
    if (clean === '.') {
      if (parts[0] === 'Chart.yaml') throw new Error('chart yaml not in base directory');
      continue;
    }
    if (clean === '..' || clean.startsWith('../')) throw new Error('chart illegally references parent directory');
    if (/^[a-zA-Z]:/.test(clean)) throw new Error('chart contains illegally named files');
    if (seen.has(clean)) continue;
    seen.add(clean);
    files.push({ name: clean, data: stripBOM(entry.data) });
  }
  if (files.length === 0) throw new Error('no files in chart archive');
  return loadChartFiles(files);
}

/** Go's path.Clean. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/') || '.';
}

/** Loads an unpacked chart directory, skipping what .helmignore (plus templates/.?*) ignores. */
export async function loadChartDir(dir: string): Promise<Chart> {
  let ignoreText = '';
  try {
    ignoreText = await readFile(join(dir, '.helmignore'), 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
  const rules = parseHelmignore(ignoreText);
  const files: ChartFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    const names = (await readdir(join(dir, rel))).sort();
    const paths = names.map((name) => (rel ? `${rel}/${name}` : name));
    // One directory's stats and reads run at once: awaited one by one, the file system round trips of a
    // 200-template chart kept a fresh `conflux-helm` process idle for ~80 ms. Results (and the first
    // error) are still taken in name order. stat follows symlinks, as Helm's sympath walk does.
    const infos = await Promise.allSettled(paths.map((path) => stat(join(dir, path))));
    const reads = infos.map((info, i) =>
      info.status === 'fulfilled' && info.value.isFile() && !rules.ignores(paths[i]!, false) ? readFile(join(dir, paths[i]!)) : undefined,
    );
    for (const r of reads) r?.catch(() => undefined);
    for (let i = 0; i < paths.length; i++) {
      const path = paths[i]!;
      const settled = infos[i]!;
      if (settled.status === 'rejected') throw settled.reason;
      const info = settled.value;
      if (info.isDirectory()) {
        if (!rules.ignores(path, true)) await walk(path);
        continue;
      }
      if (rules.ignores(path, false)) continue;
      if (!info.isFile()) throw new Error(`cannot load irregular file ${join(dir, path)} as it has file mode type bits set`);
      files.push({ name: path, data: stripBOM(new Uint8Array(await reads[i]!)) });
    }
  };
  await walk('');
  return loadChartFiles(files);
}

/** Loads a chart from a directory or a .tgz file, as `helm template NAME PATH` does. */
export async function loadChart(path: string): Promise<Chart> {
  const info = await stat(path);
  if (info.isDirectory()) return loadChartDir(path);
  return loadChartArchive(new Uint8Array(await readFile(path)));
}
