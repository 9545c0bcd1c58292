// `conflux-helm template`: load, validate against values.schema.json, render and print as helm does.

import { readFile, stat } from 'node:fs/promises';
import { loadChart } from '../chart/load.ts';
import { processDependencies } from '../chart/dependencies.ts';
import { renderChart, templateOutput } from '../chart/render.ts';
import { coalesceValues } from '../values/coalesce.ts';
import { mergeUserValues } from '../values/options.ts';
import { hasSchema, validateChartValues } from '../values/schema-chart.ts';
import { parseTemplateArgs, type TemplateArgs } from './args.ts';

async function readValueFiles(paths: readonly string[]): Promise<string[]> {
  return Promise.all(
    paths.map(async (p) => {
      try {
        return await readFile(p, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`open ${p}: no such file or directory`);
        throw err;
      }
    }),
  );
}

async function loadLocalChart(path: string): Promise<Awaited<ReturnType<typeof loadChart>>> {
  try {
    await stat(path);
  } catch {
    throw new Error(`path "${path}" not found`);
  }
  return loadChart(path);
}

// helm checks dependencies and the chart type before it creates the release; any later failure comes
// with a release, and `helm template` then adds a hint about --debug.
const beforeRelease = [/^An error occurred while checking for chart dependencies/, / charts are not installable$/];

function renderFailure(err: Error): Error {
  if (beforeRelease.some((re) => re.test(err.message))) return err;
  return new Error(`${err.message}\n\nUse --debug flag to render out invalid YAML`);
}

/** Renders per the parsed arguments and returns what helm would print on stdout. */
export async function templateCommand(args: TemplateArgs): Promise<string> {
  const files = await readValueFiles(args.valueFiles);
  const values = (): ReturnType<typeof mergeUserValues> => mergeUserValues({ valueFiles: files, set: args.set, setString: args.setString });
  const chart = await loadLocalChart(args.chart);
  if (hasSchema(chart)) {
    // renderChart processes dependencies in place and coalesces internally, so the schema sees a
    // separately prepared copy: the same values helm validates, before any template runs.
    const copy = await loadChart(args.chart);
    const user = values();
    processDependencies(copy, user);
    validateChartValues(copy, coalesceValues(copy, user));
  }
  let rendered: ReturnType<typeof renderChart>;
  try {
    rendered = renderChart(chart, {
      releaseName: args.releaseName,
      namespace: args.namespace,
      values: values(),
      kubeVersion: args.kubeVersion,
      apiVersions: args.apiVersions,
    });
  } catch (err) {
    throw renderFailure(err as Error);
  }
  return templateOutput(chart, rendered, { includeCrds: args.includeCrds, skipTests: args.skipTests });
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The whole command line; returns the exit code. Failures print as helm's `Error: ...`. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    if (argv[0] !== 'template') throw new Error(argv.length === 0 ? 'usage: conflux-helm template [NAME] CHART [flags]' : `unknown command "${argv[0]}" for "conflux-helm"`);
    io.stdout(await templateCommand(parseTemplateArgs(argv.slice(1))));
    return 0;
  } catch (err) {
    io.stderr(`Error: ${(err as Error).message}\n`);
    return 1;
  }
}
