// spec.commitStatusExpr (reference §2.1, §2.3 step 7): a CEL expression that names the commit status
// instead of the default `kind/name/<uid prefix>`. It sees `event` (after the metadata pipeline), `alert`
// and `provider` as plain maps, as upstream's unstructured conversion hands them over, and must yield a
// string. On @bufbuild/cel, as kustomize-controller and the Receivers use it (docs/adr/0008).
import { type CelExpression, compileCel } from '@conflux/cel';
import type { NotificationEvent } from '@conflux/bus';
import { wireEvent } from '../event/wire.ts';
import { NotificationError } from './types.ts';
import type { AlertObject, ProviderObject } from '../objects.ts';

// Compiled once per distinct expression; bounded because Providers come and go.
const programs = new Map<string, CelExpression | Error>();
const maxPrograms = 1_000;

function compile(text: string): CelExpression {
  let program = programs.get(text);
  if (program === undefined) {
    try {
      program = compileCel(text);
    } catch (err) {
      program = err instanceof Error ? err : new Error(String(err));
    }
    if (programs.size >= maxPrograms) programs.delete(programs.keys().next().value as string);
    programs.set(text, program);
  }
  if (program instanceof Error) throw new NotificationError(`failed to compile commitStatusExpr '${text}': ${program.message}`);
  return program;
}

/** The commit status ID `expr` gives for this event, Alert and Provider (the caller has awaited loadCel()); a NotificationError says why not. */
export function evaluateCommitStatusExpr(expr: string, event: NotificationEvent, alert: AlertObject, provider: ProviderObject): string {
  const program = compile(expr);
  let result: unknown;
  try {
    result = program.evaluate({ event: wireEvent(event), alert, provider });
  } catch (err) {
    throw new NotificationError(`failed to evaluate commitStatusExpr '${expr}': ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof result !== 'string') throw new NotificationError(`commitStatusExpr '${expr}' must evaluate to a string`);
  if (result === '') throw new NotificationError(`commitStatusExpr '${expr}' evaluated to an empty commit status`);
  return result;
}
