// Kept apart from logging.ts so that the flag parser can name the choices without loading pino.

/** The verbosity levels upstream controllers accept for --log-level, least verbose first. */
export const LogLevel = {
  Error: 'error',
  Info: 'info',
  Debug: 'debug',
  Trace: 'trace',
} as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** The --log-encoding choices: one JSON object per line, or zap-style tab-separated text for humans. */
export const LogEncoding = {
  Json: 'json',
  Console: 'console',
} as const;
export type LogEncoding = (typeof LogEncoding)[keyof typeof LogEncoding];
