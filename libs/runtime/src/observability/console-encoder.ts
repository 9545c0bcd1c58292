import type { DestinationStream } from 'pino';

/**
 * Rewrites pino's JSON lines into the tab-separated form of zap's console encoder that upstream uses for
 * --log-encoding=console: `<ts>\t<LEVEL>\t<msg>\t{<remaining fields>}`. It runs in-process rather than as
 * a pino transport because a transport is a worker thread, and memory matters more here than log speed.
 */
export function consoleEncoder(destination: DestinationStream): DestinationStream {
  return {
    write(line: string): void {
      destination.write(toConsoleLine(line));
    },
  };
}

export function toConsoleLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const { ts, level, msg, ...fields } = entry;
  const columns = [String(ts ?? ''), String(level ?? '').toUpperCase(), String(msg ?? '')];
  if (Object.keys(fields).length > 0) columns.push(JSON.stringify(fields));
  return `${columns.join('\t')}\n`;
}
