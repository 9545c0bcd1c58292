/** Severity of a bus log line, named as pino names its levels so a runtime logger can be passed through. */
export type BusLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where the bus reports what it cannot tell its caller through a return value. */
export type BusLog = (level: BusLogLevel, message: string, fields?: Record<string, unknown>) => void;

export const silentLog: BusLog = () => undefined;

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
