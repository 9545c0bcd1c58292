// A minimal Prometheus client: counters, gauges and histograms with label sets, and a registry that writes
// the text exposition format 0.0.4. A controller needs three metric types and one output format; owning
// them drops a dependency and lets process metrics be read only at scrape time. (It was written to save
// memory: imported alone prom-client costs 19 MiB, but in a running controller the saving did not show,
// see docs/benchmarks.md.)

/** The Content-Type of the text exposition format, as client_golang serves it. */
export const exposition004ContentType = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels<N extends string> = Readonly<Record<N, string>>;

/** Anything a Registry can expose: one metric family written as text lines. */
export interface Collector {
  readonly name: string;
  /** Runs before each scrape, for values that are read rather than recorded (process memory, event-loop lag). */
  collect?(): void | Promise<void>;
  /** The family's # HELP and # TYPE lines and its samples, each line ending in "\n". */
  expose(): string;
}

export interface MetricOptions<N extends string> {
  name: string;
  help: string;
  labelNames?: readonly N[];
  /** Registries to add the metric to at construction, like prom-client's `registers`. */
  registers?: readonly Registry[];
}

export interface HistogramOptions<N extends string> extends MetricOptions<N> {
  /** Upper bounds, strictly increasing; the +Inf bucket is implied. */
  buckets: readonly number[];
}

export class Registry {
  readonly contentType = exposition004ContentType;
  readonly #collectors = new Map<string, Collector>();

  register(collector: Collector): void {
    if (this.#collectors.has(collector.name)) throw new Error(`a metric named "${collector.name}" is already registered`);
    this.#collectors.set(collector.name, collector);
  }

  /** The text exposition of every registered metric, in registration order. */
  async metrics(): Promise<string> {
    await Promise.all([...this.#collectors.values()].map((c) => c.collect?.()));
    let text = '';
    for (const c of this.#collectors.values()) text += c.expose();
    return text;
  }
}

const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A number as the exposition format spells it: Go's special values, otherwise the shortest round-trip form. */
export function formatValue(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  return String(value);
}

export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** HELP text escapes backslash and newline but, unlike label values, not double quotes. */
export function escapeHelp(help: string): string {
  return help.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

function header(name: string, help: string, type: string): string {
  return `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
}

/** `{a="x",b="y"}` in the declared label order, or "" for no labels. */
function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((n, i) => `${n}="${escapeLabelValue(values[i] as string)}"`);
  if (extra) parts.push(extra);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/**
 * client_golang's GaugeFunc and CounterFunc: a label-less metric whose value is read at each scrape. It is
 * left out while `read` yields undefined, e.g. a /proc file on a platform without one, rather than shown as 0.
 */
export function metricFunc(options: { name: string; help: string; type: 'counter' | 'gauge' }, read: () => number | undefined): Collector {
  if (!metricNamePattern.test(options.name)) throw new Error(`invalid metric name "${options.name}"`);
  return {
    name: options.name,
    expose() {
      const value = read();
      return value === undefined ? '' : `${header(options.name, options.help, options.type)}${options.name} ${formatValue(value)}\n`;
    },
  };
}

/** Series storage shared by the three metric types: one entry per distinct label-value tuple. */
abstract class Family<N extends string, S> implements Collector {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly N[];
  protected readonly series = new Map<string, { values: string[]; state: S }>();

  constructor(options: MetricOptions<N>, reserved: readonly string[] = []) {
    if (!metricNamePattern.test(options.name)) throw new Error(`invalid metric name "${options.name}"`);
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames ?? [];
    for (const label of this.labelNames) {
      if (!labelNamePattern.test(label) || label.startsWith('__') || reserved.includes(label)) {
        throw new Error(`metric ${options.name}: invalid label name "${label}"`);
      }
    }
    if (new Set(this.labelNames).size !== this.labelNames.length) throw new Error(`metric ${options.name}: duplicate label names`);
    for (const registry of options.registers ?? []) registry.register(this);
  }

  protected abstract initial(): S;
  abstract expose(): string;

  /** The state of the series for `labels`, created on first use. Every declared label must be given, and no other. */
  protected at(labels: Partial<Labels<N>> | undefined): S {
    const values = this.valuesOf(labels);
    const key = values.join('\u0000');
    let entry = this.series.get(key);
    if (!entry) this.series.set(key, (entry = { values, state: this.initial() }));
    return entry.state;
  }

  /** Forgets the series with exactly these labels, so that it is no longer exposed. */
  remove(labels: Labels<N>): void {
    this.series.delete(this.valuesOf(labels).join('\u0000'));
  }

  reset(): void {
    this.series.clear();
  }

  private valuesOf(labels: Partial<Labels<N>> | undefined): string[] {
    const given = (labels ?? {}) as Record<string, string | undefined>;
    const values = this.labelNames.map((n) => {
      const v = given[n];
      if (typeof v !== 'string') throw new Error(`metric ${this.name}: label "${n}" is missing`);
      return v;
    });
    if (Object.keys(given).length !== values.length) {
      const unknown = Object.keys(given).filter((k) => !(this.labelNames as readonly string[]).includes(k));
      throw new Error(`metric ${this.name}: unknown label ${unknown.map((k) => `"${k}"`).join(', ')}`);
    }
    return values;
  }

  /** Without labels a metric has exactly one series, exposed (as 0) before anything is recorded, as in client_golang. */
  protected entries(): Iterable<{ values: string[]; state: S }> {
    if (this.labelNames.length === 0 && this.series.size === 0) this.at(undefined);
    return this.series.values();
  }
}

interface Cell {
  value: number;
}

/** A value that only goes up; a restart resets it, which Prometheus' rate() understands. */
export class Counter<N extends string = never> extends Family<N, Cell> {
  protected initial(): Cell {
    return { value: 0 };
  }

  inc(...args: [N] extends [never] ? [amount?: number] : [labels: Labels<N>, amount?: number]): void {
    const [labels, amount = 1] = (typeof args[0] === 'object' ? args : [undefined, args[0]]) as [Labels<N> | undefined, number | undefined];
    if (!(amount >= 0)) throw new RangeError(`counter ${this.name} can only increase, got ${amount}`);
    this.at(labels).value += amount;
  }

  expose(): string {
    let text = header(this.name, this.help, 'counter');
    for (const { values, state } of this.entries()) text += `${this.name}${labelText(this.labelNames, values)} ${formatValue(state.value)}\n`;
    return text;
  }
}

/** A value that goes up and down. */
export class Gauge<N extends string = never> extends Family<N, Cell> {
  protected initial(): Cell {
    return { value: 0 };
  }

  set(...args: [N] extends [never] ? [value: number] : [labels: Labels<N>, value: number]): void {
    const [labels, value] = (args.length === 2 ? args : [undefined, args[0]]) as [Labels<N> | undefined, number];
    this.at(labels).value = value;
  }

  expose(): string {
    let text = header(this.name, this.help, 'gauge');
    for (const { values, state } of this.entries()) text += `${this.name}${labelText(this.labelNames, values)} ${formatValue(state.value)}\n`;
    return text;
  }
}

interface Buckets {
  /** Observations per bucket, not yet cumulative; the last slot is +Inf. */
  counts: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative buckets, with their sum and count, as _bucket{le}, _sum and _count. */
export class Histogram<N extends string = never> extends Family<N, Buckets> {
  readonly buckets: readonly number[];
  readonly #le: readonly string[];

  constructor(options: HistogramOptions<N>) {
    super(options, ['le']);
    const buckets = options.buckets.filter((b) => b !== Infinity);
    if (buckets.some((b, i) => Number.isNaN(b) || (i > 0 && b <= (buckets[i - 1] as number)))) {
      throw new Error(`histogram ${options.name}: buckets must be strictly increasing numbers`);
    }
    this.buckets = buckets;
    this.#le = [...buckets.map(formatValue), '+Inf'].map((le) => `le="${le}"`);
  }

  protected initial(): Buckets {
    return { counts: Array.from({ length: this.buckets.length + 1 }, () => 0), sum: 0, count: 0 };
  }

  observe(...args: [N] extends [never] ? [value: number] : [labels: Labels<N>, value: number]): void {
    const [labels, value] = (args.length === 2 ? args : [undefined, args[0]]) as [Labels<N> | undefined, number];
    const state = this.at(labels);
    // Upper bounds are inclusive: an observation equal to a bound belongs to that bucket.
    const i = this.buckets.findIndex((b) => value <= b);
    (state.counts[i === -1 ? this.buckets.length : i] as number)++;
    state.sum += value;
    state.count++;
  }

  expose(): string {
    let text = header(this.name, this.help, 'histogram');
    for (const { values, state } of this.entries()) {
      let cumulative = 0;
      state.counts.forEach((n, i) => {
        cumulative += n;
        text += `${this.name}_bucket${labelText(this.labelNames, values, this.#le[i])} ${cumulative}\n`;
      });
      const labels = labelText(this.labelNames, values);
      text += `${this.name}_sum${labels} ${formatValue(state.sum)}\n${this.name}_count${labels} ${state.count}\n`;
    }
    return text;
  }
}
