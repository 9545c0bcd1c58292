// The HTTP metrics upstream's event server exports through slok/go-http-metrics with the prefix gotk_event
// (reference §1.3): request duration and response size histograms labelled service, handler, method and
// code, and an in-flight gauge labelled service and handler. The handler label is "/" unless
// --export-http-path-metrics, then the request path, as go-http-metrics does with an empty handler ID.
// Written as a Collector for the runtime's Registry: the runtime does not export its Histogram and Gauge,
// so the few lines of exposition these need live here.
import type { RuntimeMetrics } from '@conflux/runtime';

type Registry = RuntimeMetrics['registry'];

/** client_golang's DefBuckets, go-http-metrics' default for durations. */
export const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** go-http-metrics' default for sizes: ExponentialBuckets(100, 10, 8), 100 B to 1 GB. */
export const sizeBuckets = [100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9] as const;

export interface HttpRequestSample {
  /** The handler label, from handlerLabel(). */
  handler: string;
  method: string;
  code: number;
  seconds: number;
  /** Response body bytes written. */
  bytes: number;
}

export interface HttpMetrics {
  /** The handler label for a request URL: "/" or, with path metrics, its path. */
  handlerLabel(url: string | undefined): string;
  /** A request started (+1) or ended (-1). */
  inflight(handler: string, delta: 1 | -1): void;
  observe(sample: HttpRequestSample): void;
}

export interface HttpMetricsOptions {
  /** "gotk_event" for the event server. */
  prefix: string;
  /** The handler ID upstream registers the server under ("/" for the event server). */
  handlerID: string;
  /** --export-http-path-metrics. */
  exportPaths: boolean;
}

/** Registers the three families on `registry` and returns what the server calls per request. */
export function httpMetrics(registry: Registry, options: HttpMetricsOptions): HttpMetrics {
  const duration = new LabelledHistogram(`${options.prefix}_http_request_duration_seconds`, 'The latency of the HTTP requests.', durationBuckets);
  const size = new LabelledHistogram(`${options.prefix}_http_response_size_bytes`, 'The size of the HTTP responses.', sizeBuckets);
  const inflightName = `${options.prefix}_http_requests_inflight`;
  const inflight = new Map<string, number>();
  registry.register(duration);
  registry.register(size);
  registry.register({
    name: inflightName,
    expose() {
      let text = `# HELP ${inflightName} The number of inflight requests being handled at the same time.\n# TYPE ${inflightName} gauge\n`;
      for (const [handler, n] of inflight) text += `${inflightName}{service="",handler="${escapeLabel(handler)}"} ${n}\n`;
      return text;
    },
  });
  return {
    handlerLabel: (url) => (options.exportPaths ? requestPath(url) : options.handlerID),
    inflight(handler, delta) {
      inflight.set(handler, (inflight.get(handler) ?? 0) + delta);
    },
    observe(s) {
      const labels = `service="",handler="${escapeLabel(s.handler)}",method="${escapeLabel(s.method)}",code="${s.code}"`;
      duration.observe(labels, s.seconds);
      size.observe(labels, s.bytes);
    },
  };
}

/** The path of a request target, decoded as Go's URL.Path is; the raw path when it does not decode. */
export function requestPath(url: string | undefined): string {
  const raw = (url ?? '/').split('?')[0] || '/';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * A number as client_golang writes it (strconv 'g', shortest): exponent form from 1e+06 up and below
 * 1e-04, so the `le` labels read as upstream's (le="1e+06") and queries naming them keep matching.
 */
export function goFloat(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Number.isNaN(value)) return 'NaN';
  const abs = Math.abs(value);
  if (abs === 0 || (abs >= 1e-4 && abs < 1e21 && Math.floor(Math.log10(abs)) < 6)) return String(value);
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

function escapeLabel(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A histogram keyed by its pre-rendered label text, enough for one request-metrics family. */
class LabelledHistogram {
  readonly name: string;
  readonly #help: string;
  readonly #buckets: readonly number[];
  readonly #series = new Map<string, { counts: number[]; sum: number; count: number }>();

  constructor(name: string, help: string, buckets: readonly number[]) {
    this.name = name;
    this.#help = help;
    this.#buckets = buckets;
  }

  observe(labels: string, value: number): void {
    let s = this.#series.get(labels);
    if (!s) this.#series.set(labels, (s = { counts: this.#buckets.map(() => 0), sum: 0, count: 0 }));
    // Upper bounds are inclusive; above the last one, only +Inf (the count) holds it.
    const i = this.#buckets.findIndex((b) => value <= b);
    if (i >= 0) (s.counts[i] as number)++;
    s.sum += value;
    s.count++;
  }

  expose(): string {
    let text = `# HELP ${this.name} ${this.#help}\n# TYPE ${this.name} histogram\n`;
    for (const [labels, s] of this.#series) {
      let cumulative = 0;
      this.#buckets.forEach((b, i) => {
        cumulative += s.counts[i] as number;
        text += `${this.name}_bucket{${labels},le="${goFloat(b)}"} ${cumulative}\n`;
      });
      text += `${this.name}_bucket{${labels},le="+Inf"} ${s.count}\n${this.name}_sum{${labels}} ${goFloat(s.sum)}\n${this.name}_count{${labels}} ${s.count}\n`;
    }
    return text;
  }
}
