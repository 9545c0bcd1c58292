// Structured logs in the shape upstream Flux controllers write, so that `flux logs` and existing log
// queries keep working: {"level":"info","ts":"<ISO-8601>","msg":...,"controller":...} and, inside a
// reconcile, "controllerKind", "namespace", "name" and "reconcileID" (the keys `flux logs` filters on).
import { type DestinationStream, type Logger, pino } from 'pino';
import { consoleEncoder } from './console-encoder.ts';
import { LogEncoding, LogLevel } from './log-options.ts';
import type { ObjectRef } from './object-ref.ts';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** --log-level; info when absent. */
  level?: LogLevel;
  /** --log-encoding; json when absent. */
  encoding?: LogEncoding;
  /** Bound to every line as "controller", e.g. "gitrepository". */
  controller?: string;
  /** Where lines go; stderr when absent, as controller-runtime does. Tests pass a collector. */
  destination?: DestinationStream;
}

// Keys whose values are credentials wherever they appear. Flux Secrets use several of them as data keys
// (password, identity, bearerToken, token), so a Secret's data logged by mistake is caught too.
const secretKeys = [
  'password',
  'token',
  'bearerToken',
  'accessToken',
  'refreshToken',
  'apiKey',
  'identity',
  'privateKey',
  'authorization',
  'Authorization',
  'cookie',
  'proxy-authorization',
  'Proxy-Authorization',
  'stringData',
];
// The redactor matches fixed paths only; three levels deep covers `{headers: {authorization}}` and
// `{secret: {data: {password}}}` without a walk over every object logged.
const depthPrefixes = ['', '*.', '*.*.'];

export const redactedPaths: readonly string[] = [
  ...depthPrefixes.flatMap((prefix) => secretKeys.map((key) => `${prefix}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`}`)),
  'secret.data',
  '*.secret.data',
];

/** A pino logger honouring --log-level and --log-encoding, with upstream's keys and secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? pino.destination({ dest: 2, sync: true });
  const stream = options.encoding === LogEncoding.Console ? consoleEncoder(destination) : destination;
  return pino(
    {
      level: options.level ?? LogLevel.Info,
      base: options.controller === undefined ? null : { controller: options.controller },
      timestamp: () => `,"ts":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: errorMessage, err: pino.stdSerializers.err },
      redact: { paths: [...redactedPaths], censor: '[REDACTED]' },
    },
    stream,
  );
}

/** The child logger for one reconcile of one object: every line carries the object and the reconcile ID. */
export function reconcileLogger(base: Logger, ref: ObjectRef, reconcileID: string): Logger {
  return base.child({ controllerKind: ref.kind, namespace: ref.namespace, name: ref.name, reconcileID });
}

// Upstream logs `"error":"<message>"` as a plain string, which `flux logs` prints verbatim.
function errorMessage(value: unknown): unknown {
  return value instanceof Error ? value.message : value;
}
