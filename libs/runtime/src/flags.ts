// The command-line flags every Conflux controller shares with its upstream Flux counterpart, parsed the way
// Go's pflag parses them (so Flux Deployments' `args:` work unchanged), with an environment fallback that the
// Helm chart uses.
//
// Environment mapping: each flag can also come from the variable named by upper-casing the flag and turning
// dashes into underscores (`--events-addr` <-> `EVENTS_ADDR`, `--kube-api-qps` <-> `KUBE_API_QPS`), unless
// its spec names another variable. A flag on the command line wins over the environment, and the
// environment wins over the default. An empty variable counts as unset.
import { LogEncoding, LogLevel } from './observability/log-options.ts';

interface FlagBase {
  /** The long name, without the leading dashes. */
  flag: string;
  usage: string;
  /** The environment variable that sets this flag when it is not on the command line. */
  env?: string;
}
export interface StringFlag extends FlagBase {
  type: 'string';
  default: string;
  choices?: readonly string[];
}
export interface IntFlag extends FlagBase {
  type: 'int';
  default: number;
  min?: number;
  max?: number;
}
export interface FloatFlag extends FlagBase {
  type: 'float';
  default: number;
  min?: number;
  max?: number;
}
export interface BoolFlag extends FlagBase {
  type: 'bool';
  default: boolean;
}
/** A Go duration ("30s", "1m30s"); the parsed value is in milliseconds. */
export interface DurationFlag extends FlagBase {
  type: 'duration';
  default: number;
  min?: number;
}
export type FlagSpec = StringFlag | IntFlag | FloatFlag | BoolFlag | DurationFlag;
export type FlagSpecs = Record<string, FlagSpec>;

export type FlagValue<S extends FlagSpec> = S extends BoolFlag
  ? boolean
  : S extends { type: 'string'; choices: readonly (infer C)[] }
    ? C
    : S extends StringFlag
      ? string
      : number;
export type FlagValues<T extends FlagSpecs> = { -readonly [K in keyof T]: FlagValue<T[K]> };

export const FlagErrorCode = {
  UnknownFlag: 'UnknownFlag',
  MissingValue: 'MissingValue',
  InvalidValue: 'InvalidValue',
  UnexpectedArgument: 'UnexpectedArgument',
  HelpRequested: 'HelpRequested',
} as const;
export type FlagErrorCode = (typeof FlagErrorCode)[keyof typeof FlagErrorCode];

/** A command line or environment the controller cannot start with. `flag` names the culprit, with dashes. */
export class FlagError extends Error {
  readonly code: FlagErrorCode;
  readonly flag: string | undefined;
  constructor(code: FlagErrorCode, message: string, flag?: string) {
    super(message);
    this.name = 'FlagError';
    this.code = code;
    this.flag = flag;
  }
}

/** The settings every controller takes from its flags. Durations are in milliseconds. */
export interface RuntimeFlags {
  /** --concurrent: reconciles run in parallel per kind. */
  concurrent: number;
  /** --requeue-dependency: how long to wait before retrying an object whose dependency is not ready. */
  requeueDependencyMs: number;
  /** --watch-all-namespaces: false restricts every watch to $RUNTIME_NAMESPACE. */
  watchAllNamespaces: boolean;
  /** --watch-label-selector: the shard this instance owns; empty means every object. */
  watchLabelSelector: string;
  enableLeaderElection: boolean;
  leaderElectionLeaseDurationMs: number;
  leaderElectionRenewDeadlineMs: number;
  leaderElectionRetryPeriodMs: number;
  /** --events-addr: where events are POSTed (notification-controller's URL); empty disables forwarding. */
  eventsAddr: string;
  /** --metrics-addr: listen address of /metrics; "0" disables it. */
  metricsAddr: string;
  /** --health-addr: listen address of /healthz and /readyz; "0" disables it. */
  healthAddr: string;
  logLevel: LogLevel;
  logEncoding: LogEncoding;
  kubeApiQps: number;
  kubeApiBurst: number;
  /** --min-retry-delay / --max-retry-delay: the per-object exponential backoff after a failed reconcile. */
  minRetryDelayMs: number;
  maxRetryDelayMs: number;
  /** --interval-jitter-percentage: +/- spread applied to each successful requeue interval. */
  intervalJitterPercentage: number;
}

const second = 1000;
const minute = 60 * second;

/** Upstream's defaults (reference: source-controller §7, flux-cli-scale-testenv §1.2). */
export const runtimeFlagSpecs: { readonly [K in keyof RuntimeFlags]: FlagSpec } = {
  concurrent: { flag: 'concurrent', type: 'int', default: 4, min: 1, usage: 'The number of concurrent reconciles per kind.' },
  requeueDependencyMs: {
    flag: 'requeue-dependency',
    type: 'duration',
    default: 30 * second,
    min: 0,
    usage: 'The interval at which failing dependencies are reevaluated.',
  },
  watchAllNamespaces: {
    flag: 'watch-all-namespaces',
    type: 'bool',
    default: true,
    usage: 'Watch for objects in all namespaces; if false, only the namespace in RUNTIME_NAMESPACE.',
  },
  watchLabelSelector: {
    flag: 'watch-label-selector',
    type: 'string',
    default: '',
    usage: 'Only watch objects matching this label selector (sharding), e.g. sharding.fluxcd.io/key=shard1.',
  },
  enableLeaderElection: {
    flag: 'enable-leader-election',
    type: 'bool',
    default: false,
    usage: 'Elect a leader through a Lease so that only one replica reconciles.',
  },
  leaderElectionLeaseDurationMs: {
    flag: 'leader-election-lease-duration',
    type: 'duration',
    default: 35 * second,
    min: 1,
    usage: 'How long a standby waits before taking over an unrenewed lease.',
  },
  leaderElectionRenewDeadlineMs: {
    flag: 'leader-election-renew-deadline',
    type: 'duration',
    default: 30 * second,
    min: 1,
    usage: 'How long the leader keeps trying to renew before it gives up leadership.',
  },
  leaderElectionRetryPeriodMs: {
    flag: 'leader-election-retry-period',
    type: 'duration',
    default: 5 * second,
    min: 1,
    usage: 'How long candidates wait between attempts to acquire or renew the lease.',
  },
  eventsAddr: { flag: 'events-addr', type: 'string', default: '', usage: 'The URL events are posted to (notification-controller).' },
  metricsAddr: { flag: 'metrics-addr', type: 'string', default: ':8080', usage: 'The address the Prometheus metrics endpoint binds to.' },
  healthAddr: { flag: 'health-addr', type: 'string', default: ':9440', usage: 'The address the health endpoints bind to.' },
  logLevel: {
    flag: 'log-level',
    type: 'string',
    default: LogLevel.Info,
    choices: Object.values(LogLevel),
    usage: 'Log verbosity.',
  },
  logEncoding: {
    flag: 'log-encoding',
    type: 'string',
    default: LogEncoding.Json,
    choices: Object.values(LogEncoding),
    usage: 'Log encoding format.',
  },
  kubeApiQps: { flag: 'kube-api-qps', type: 'float', default: 50, min: 0, usage: 'The maximum queries per second to the Kubernetes API.' },
  kubeApiBurst: { flag: 'kube-api-burst', type: 'int', default: 300, min: 0, usage: 'The maximum burst of queries to the Kubernetes API.' },
  minRetryDelayMs: {
    flag: 'min-retry-delay',
    type: 'duration',
    default: 750,
    min: 0,
    usage: 'The first delay before retrying a failed reconcile; it doubles on each failure.',
  },
  maxRetryDelayMs: {
    flag: 'max-retry-delay',
    type: 'duration',
    default: 15 * minute,
    min: 0,
    usage: 'The longest delay between retries of a failing reconcile.',
  },
  intervalJitterPercentage: {
    flag: 'interval-jitter-percentage',
    type: 'int',
    default: 5,
    min: 0,
    max: 99,
    usage: 'Percentage of random spread added to or removed from each reconcile interval.',
  },
};

/**
 * Parses the shared controller flags plus any the app adds (`extra`, e.g. source-controller's
 * --storage-path). `defaults` replaces upstream's defaults where a controller differs (source-controller
 * runs with --concurrent=2). Throws FlagError naming the flag on an unknown flag or a bad value.
 */
export function parseRuntimeFlags<E extends FlagSpecs = Record<never, FlagSpec>>(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  defaults: Partial<RuntimeFlags> = {},
  extra?: E,
): RuntimeFlags & FlagValues<E> {
  const specs = runtimeSpecsWith(defaults, extra);
  const values = parseFlags(specs, argv, env) as unknown as RuntimeFlags & FlagValues<E>;
  checkRuntimeFlags(values);
  return values;
}

/** The usage text of the shared flags plus `extra`, with their defaults and environment variables. */
export function runtimeFlagUsage(defaults: Partial<RuntimeFlags> = {}, extra?: FlagSpecs): string {
  return formatFlagUsage(runtimeSpecsWith(defaults, extra));
}

function runtimeSpecsWith(defaults: Partial<RuntimeFlags>, extra: FlagSpecs | undefined): FlagSpecs {
  const specs: FlagSpecs = {};
  for (const [key, spec] of Object.entries(runtimeFlagSpecs)) {
    const override = (defaults as Record<string, unknown>)[key];
    specs[key] = override === undefined ? spec : ({ ...spec, default: override } as FlagSpec);
  }
  for (const [key, spec] of Object.entries(extra ?? {})) {
    if (key in specs) throw new Error(`extra flag --${spec.flag} reuses the key "${key}" of a shared runtime flag`);
    specs[key] = spec;
  }
  return specs;
}

// client-go refuses these combinations at start-up; failing here names the flags instead.
function checkRuntimeFlags(f: RuntimeFlags): void {
  if (f.minRetryDelayMs > f.maxRetryDelayMs) {
    throw new FlagError(FlagErrorCode.InvalidValue, '--min-retry-delay must not be greater than --max-retry-delay', 'min-retry-delay');
  }
  if (f.leaderElectionRenewDeadlineMs >= f.leaderElectionLeaseDurationMs) {
    throw new FlagError(
      FlagErrorCode.InvalidValue,
      '--leader-election-renew-deadline must be shorter than --leader-election-lease-duration',
      'leader-election-renew-deadline',
    );
  }
  if (f.leaderElectionRetryPeriodMs * 1.2 >= f.leaderElectionRenewDeadlineMs) {
    throw new FlagError(
      FlagErrorCode.InvalidValue,
      '--leader-election-retry-period must be well below --leader-election-renew-deadline (retry period x 1.2 < renew deadline)',
      'leader-election-retry-period',
    );
  }
}

/** The environment variable a flag falls back to: `events-addr` -> `EVENTS_ADDR`. */
export function envNameFor(spec: FlagSpec): string {
  return spec.env ?? spec.flag.toUpperCase().replaceAll('-', '_');
}

/**
 * Parses `argv` against `specs`: `--flag=value`, `--flag value`, and for booleans `--flag` or
 * `--flag=false` (a separate word after a boolean is not its value, as in pflag). Values missing from argv
 * come from `env`, then from the spec's default.
 */
export function parseFlags<T extends FlagSpecs>(specs: T, argv: readonly string[], env: NodeJS.ProcessEnv = {}): FlagValues<T> {
  const byFlag = new Map<string, string>();
  for (const [key, spec] of Object.entries(specs)) {
    if (byFlag.has(spec.flag)) throw new Error(`flag --${spec.flag} is defined twice`);
    byFlag.set(spec.flag, key);
  }

  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const name = envNameFor(spec);
    const raw = env[name];
    values[key] = raw === undefined || raw === '' ? spec.default : parseValue(spec, raw, `environment variable ${name}`);
  }

  let bareBool: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h' || arg === '--help') {
      throw new FlagError(FlagErrorCode.HelpRequested, formatFlagUsage(specs));
    }
    if (!arg.startsWith('--') || arg === '--') {
      const culprit = bareBool !== undefined && parseBool(arg) !== undefined ? bareBool : undefined;
      const hint = culprit === undefined ? '' : ` (a boolean takes its value after "=": --${culprit}=${arg})`;
      throw new FlagError(FlagErrorCode.UnexpectedArgument, `unexpected argument "${arg}"${hint}: controllers take only --flags`, culprit);
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const key = byFlag.get(name);
    if (key === undefined) throw new FlagError(FlagErrorCode.UnknownFlag, `unknown flag: --${name}`, name);
    const spec = specs[key] as FlagSpec;
    let raw: string | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
    bareBool = raw === undefined && spec.type === 'bool' ? name : undefined;
    if (raw === undefined) {
      if (spec.type === 'bool') raw = 'true';
      else if (i + 1 < argv.length) raw = argv[++i];
      else throw new FlagError(FlagErrorCode.MissingValue, `flag needs a value: --${name}`, name);
    }
    values[key] = parseValue(spec, raw as string, `flag --${name}`);
  }
  return values as FlagValues<T>;
}

function parseValue(spec: FlagSpec, raw: string, source: string): string | number | boolean {
  const fail = (why: string): never => {
    throw new FlagError(FlagErrorCode.InvalidValue, `invalid value "${raw}" for ${source}: ${why}`, spec.flag);
  };
  switch (spec.type) {
    case 'string':
      if (spec.choices && !spec.choices.includes(raw)) fail(`must be one of ${spec.choices.join(', ')}`);
      return raw;
    case 'bool': {
      const parsed = parseBool(raw);
      return parsed ?? fail('must be true or false');
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) fail('must be an integer');
      const n = Number(raw);
      checkRange(n, spec.min, spec.max, fail);
      return n;
    }
    case 'float': {
      const n = raw.trim() === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(n)) fail('must be a number');
      checkRange(n, spec.min, spec.max, fail);
      return n;
    }
    case 'duration': {
      let ms = 0;
      try {
        ms = parseDuration(raw);
      } catch (err) {
        fail((err as Error).message);
      }
      if (spec.min !== undefined && ms < spec.min) fail(`must be at least ${formatDuration(spec.min)}`);
      return ms;
    }
  }
}

function checkRange(n: number, min: number | undefined, max: number | undefined, fail: (why: string) => never): void {
  if (min !== undefined && n < min) fail(`must be at least ${min}`);
  if (max !== undefined && n > max) fail(`must be at most ${max}`);
}

// The spellings Go's strconv.ParseBool accepts, since chart values and Flux manifests may use any of them.
function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false;
  return undefined;
}

const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3, // U+00B5 micro sign
  'μs': 1e-3, // U+03BC Greek mu: Go accepts both
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const durationPart = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

/** Parses a Go duration ("30s", "1m30s", "750ms", "1.5h", "-2s") into milliseconds. */
export function parseDuration(text: string): number {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new Error(`not a duration: "${text}"`);
  let total = 0;
  while (rest !== '') {
    const m = durationPart.exec(rest);
    const whole = m?.[1] ?? '';
    const fraction = m?.[2] ?? '';
    if (!m || (whole === '' && fraction === '')) {
      throw new Error(`not a duration: "${text}" (use a number and a unit such as 750ms, 30s, 1m30s or 2h)`);
    }
    total += Number(`${whole || '0'}.${fraction || '0'}`) * (unitMs[m[3] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Formats milliseconds the way Go prints a time.Duration: "750ms", "30s", "1m30s", "15m0s", "1h0m0s". */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const ns = Math.round(ms * 1e6);
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trimFraction(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trimFraction(ns / 1e6)}ms`;
  const hours = Math.floor(ns / 3.6e12);
  const minutes = Math.floor((ns % 3.6e12) / 6e10);
  const seconds = `${trimFraction((ns % 6e10) / 1e9)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

function trimFraction(n: number): string {
  return Number(n.toFixed(9)).toString();
}

/** One line per flag: name, type, usage, default and environment variable, sorted by name. */
export function formatFlagUsage(specs: FlagSpecs): string {
  const rows = Object.values(specs)
    .map((spec) => ({ left: `--${spec.flag} ${spec.type === 'bool' ? '' : spec.type}`.trimEnd(), spec }))
    .sort((a, b) => a.spec.flag.localeCompare(b.spec.flag));
  const width = Math.max(...rows.map((r) => r.left.length));
  const lines = rows.map(({ left, spec }) => {
    const dflt = spec.type === 'duration' ? formatDuration(spec.default) : JSON.stringify(spec.default);
    const choices = spec.type === 'string' && spec.choices ? ` One of: ${spec.choices.join(', ')}.` : '';
    return `  ${left.padEnd(width)}  ${spec.usage}${choices} (default ${dflt}; env ${envNameFor(spec)})`;
  });
  return `Flags:\n${lines.join('\n')}\n`;
}
