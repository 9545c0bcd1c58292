// The V8 flags every Conflux controller process is started with (npm start, the benches, the chart).
// They cannot be set from inside: V8 sizes its young generation when the heap is created, and
// v8.setFlagsFromString afterwards changes nothing. Node 24 lets the young generation grow to 128 MiB;
// a controller allocates many short-lived objects (JSON from the API server, YAML, tarballs), and under
// load the process keeps that whole space. Capping a semi-space at 2 MiB took kustomize-controller's peak
// RSS over 1000 Kustomizations from 219 MiB to 150 MiB at no cost in time (docs/benchmarks.md).
// --optimize-for-size makes V8 grow the old generation conservatively and compact it sooner: over 1000
// new GitRepositories, source-controller's peak RSS fell from ~150 MiB to ~120 MiB for about 5 % more
// controller CPU. Node does not take it from NODE_OPTIONS, so it belongs on the command line.

export const controllerNodeFlags = ['--max-semi-space-size=2', '--optimize-for-size'] as const;

/** Whether this process was started with the recommended flags, on its command line or in NODE_OPTIONS. */
export function hasControllerNodeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): boolean {
  // V8 takes --max_semi_space_size as well as --max-semi-space-size, and --no-optimize-for-size too.
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].map((a) => a.replaceAll('_', '-'));
  return controllerNodeFlags.every((flag) => {
    const name = flag.split('=')[0]!;
    // A flag with a value counts whatever the value, and a switch counts when turned off: the operator chose.
    if (flag.includes('=')) return given.some((a) => a.startsWith(`${name}=`));
    return given.some((a) => a === name || a === name.replace(/^--/, '--no-'));
  });
}
