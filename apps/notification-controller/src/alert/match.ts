// Which Alerts an event goes to (reference §3.2). Upstream lists every Alert in every namespace and keeps
// those that are not suspended, have an event source matching the involved object, and let the message
// through their inclusion and exclusion lists. Exclusion wins over inclusion.
import type { CrossNamespaceObjectReference } from '@conflux/api';
import { NotificationReason } from '@conflux/api';
import type { InvolvedObject, NotificationEvent } from '@conflux/bus';
import { compileGoRegex } from './regex.ts';
import type { AlertObject } from '../objects.ts';

/** A problem with an Alert found while matching; it becomes a Warning event on the Alert. */
export interface MatchIssue {
  alert: AlertObject;
  reason: typeof NotificationReason.InvalidConfig | typeof NotificationReason.SourceFetchFailed;
  message: string;
}

export interface MatchDeps {
  /** The labels of the involved object, read from the API server; throws when it cannot be read. */
  labelsOf(object: InvolvedObject): Promise<Record<string, string>>;
  report(issue: MatchIssue): void;
}

/** Whether one event source names the involved object: kind, namespace, name or '*', and severity. Labels aside. */
export function sourceNamesObject(source: CrossNamespaceObjectReference, alert: AlertObject, event: NotificationEvent): boolean {
  const io = event.involvedObject;
  const namespace = source.namespace || alert.metadata.namespace;
  if (namespace !== io.namespace || source.kind !== io.kind) return false;
  const severity = alert.spec.eventSeverity ?? 'info';
  if (severity !== 'info' && severity !== event.severity) return false;
  return source.name === '*' || source.name === io.name;
}

/** Whether every matchLabels entry is among `labels`. */
export function labelsMatch(matchLabels: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
}

export interface MessageFilterResult {
  pass: boolean;
  /** Patterns that did not compile; they are skipped. */
  invalid: string[];
}

/** inclusionList (any must match, when set) then exclusionList (any match excludes). */
export function messagePasses(alert: AlertObject, message: string): MessageFilterResult {
  const invalid: string[] = [];
  const anyMatches = (patterns: string[], list: string) =>
    patterns.some((pattern) => {
      try {
        return compileGoRegex(pattern).test(message);
      } catch (err) {
        invalid.push(`failed to compile ${list} regex: ${pattern}: ${(err as Error).message}`);
        return false;
      }
    });
  const inclusion = alert.spec.inclusionList ?? [];
  if (inclusion.length > 0 && !anyMatches(inclusion, 'inclusion')) return { pass: false, invalid };
  const exclusion = alert.spec.exclusionList ?? [];
  if (exclusion.length > 0 && anyMatches(exclusion, 'exclusion')) return { pass: false, invalid };
  return { pass: true, invalid };
}

async function sourceMatches(source: CrossNamespaceObjectReference, alert: AlertObject, event: NotificationEvent, deps: MatchDeps, labels: () => Promise<Record<string, string>>): Promise<boolean> {
  if (!sourceNamesObject(source, alert, event)) return false;
  if (!source.matchLabels || Object.keys(source.matchLabels).length === 0) return true;
  let objectLabels: Record<string, string>;
  try {
    objectLabels = await labels();
  } catch (err) {
    const io = event.involvedObject;
    deps.report({ alert, reason: NotificationReason.SourceFetchFailed, message: `error getting object ${io.kind}/${io.namespace}/${io.name} to match its labels: ${(err as Error).message}` });
    return false;
  }
  return labelsMatch(source.matchLabels, objectLabels);
}

/** The Alerts, among `alerts`, that `event` goes to. The involved object is read at most once. */
export async function matchAlerts(alerts: readonly AlertObject[], event: NotificationEvent, deps: MatchDeps): Promise<AlertObject[]> {
  let labelsRead: Promise<Record<string, string>> | undefined;
  const labels = () => (labelsRead ??= deps.labelsOf(event.involvedObject));
  const matched: AlertObject[] = [];
  for (const alert of alerts) {
    if (alert.spec.suspend) continue;
    let sourceMatched = false;
    for (const source of alert.spec.eventSources ?? []) {
      if (await sourceMatches(source, alert, event, deps, labels)) {
        sourceMatched = true;
        break;
      }
    }
    if (!sourceMatched) continue;
    const filter = messagePasses(alert, event.message);
    for (const message of filter.invalid) deps.report({ alert, reason: NotificationReason.InvalidConfig, message });
    if (filter.pass) matched.push(alert);
  }
  return matched;
}
