// `conflux-helm template`: load, validate against values.schema.json, render and print as helm does.

import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { loadChart } from '../chart/load.ts';
import { processDependencies } from '../chart/dependencies.ts';
import { renderChart, templateOutput } from '../chart/render.ts';
import { coalesceValues } from '../values/coalesce.ts';
import { mergeUserValues } from '../values/options.ts';
import { hasSchema, validateChartValues } from '../values/schema-chart.ts';
import { parseTemplateArgs, type TemplateArgs } from './args.ts';
import { showOnly, writeOutputDir } from './output.ts';

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

// --set-file reads synchronously: the strvals parser asks for each file as it meets the path.
function readSetFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`open ${path}: no such file or directory`);
    throw err;
  }
}

async function locateChart(path: string): Promise<void> {
  try {
    await stat(path);
  } catch {
    throw new Error(`path "${path}" not found`);
  }
}

// helm checks dependencies and the chart type before it creates the release; any later failure comes
// with a release, and `helm template` then adds a hint about --debug.
const beforeRelease = [/^An error occurred while checking for chart dependencies/, / charts are not installable$/];

function renderFailure(err: Error): Error {
  if (beforeRelease.some((re) => re.test(err.message))) return err;
  return new Error(`${err.message}\n\nUse --debug flag to render out invalid YAML`);
}

/** Renders per the parsed arguments and prints to `stdout` what helm would print there. */
export async function templateCommand(args: TemplateArgs, stdout: (text: string) => void): Promise<void> {
  // helm's order: find the chart, merge the values, then load the chart.
  await locateChart(args.chart);
  const files = await readValueFiles(args.valueFiles);
  const values = (): ReturnType<typeof mergeUserValues> =>
    mergeUserValues({
      valueFiles: files,
      setJson: args.setJson,
      set: args.set,
      setString: args.setString,
      setFile: args.setFile,
      readFile: readSetFile,
      setLiteral: args.setLiteral,
    });
  values();
  const chart = await loadChart(args.chart);
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
      isUpgrade: args.isUpgrade,
      enableDns: args.enableDns,
    });
  } catch (err) {
    throw renderFailure(err as Error);
  }
  if (args.outputDir !== undefined && args.outputDir !== '') {
    // The files are written (and announced) before --show-only looks at the now empty manifest text.
    const announced = writeOutputDir(chart, rendered, { ...args, outputDir: args.outputDir });
    if (args.showOnly.length === 0) return stdout(announced);
    stdout(announced.slice(0, -1));
    return stdout(showOnly('\n', args.showOnly));
  }
  const output = templateOutput(chart, rendered, { includeCrds: args.includeCrds, skipTests: args.skipTests });
  stdout(args.showOnly.length > 0 ? showOnly(output, args.showOnly) : output);
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The whole command line; returns the exit code. Failures print as helm's `Error: ...`. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    if (argv[0] !== 'template') throw new Error(argv.length === 0 ? 'usage: conflux-helm template [NAME] CHART [flags]' : `unknown command "${argv[0]}" for "conflux-helm"`);
    await templateCommand(parseTemplateArgs(argv.slice(1)), io.stdout);
    return 0;
  } catch (err) {
    io.stderr(`Error: ${(err as Error).message}\n`);
    return 1;
  }
}
