// The V8 flags every Conflux controller process is started with (npm start, the benches, the chart).
// They cannot be set from inside: V8 sizes its young generation when the heap is created, and
// v8.setFlagsFromString afterwards changes nothing. Node 24 lets the young generation grow to 128 MiB;
// a controller allocates many short-lived objects (JSON from the API server, YAML, tarballs), and under
// load the process keeps that whole space. Capping a semi-space at 2 MiB took kustomize-controller's peak
// RSS over 1000 Kustomizations from 219 MiB to 150 MiB at no cost in time (docs/benchmarks.md).

export const controllerNodeFlags = ['--max-semi-space-size=2'] as const;

/** Whether this process was started with the young-generation cap, on its command line or in NODE_OPTIONS. */
export function hasControllerNodeFlags(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)];
  return controllerNodeFlags.every((flag) => {
    const name = flag.split('=')[0]!;
    // V8 takes --max_semi_space_size as well as --max-semi-space-size, and any value counts: the operator chose it.
    return given.some((a) => a.replaceAll('_', '-').startsWith(`${name}=`));
  });
}
