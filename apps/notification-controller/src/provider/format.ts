// Small formatting rules shared by the chat and commit-status providers.
import type { NotificationEvent } from '@conflux/bus';

/** `lower(kind)/name.namespace`, how upstream names the object in chat messages. */
export function objectName(event: NotificationEvent): string {
  const io = event.involvedObject;
  return `${io.kind.toLowerCase()}/${io.name}.${io.namespace}`;
}

/** The event's metadata as [key, value] pairs in Go's byte order, so messages are stable. */
export function sortedEntries(metadata: Record<string, string> | undefined): Array<[string, string]> {
  return Object.entries(metadata ?? {}).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** Splits a CamelCase reason into words, digits apart: `HealthCheckFailed` → Health Check Failed. */
export function splitCamelCase(text: string): string[] {
  return text.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^A-Za-z0-9]+/g) ?? [];
}

/** Go's cases.Title on a single word: the first letter upper, the rest lower. */
export function title(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export function isError(event: NotificationEvent): boolean {
  return event.severity === 'error';
}
