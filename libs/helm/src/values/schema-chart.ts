// helm's ValidateAgainstSchema: each chart's values.schema.json against the coalesced values that
// chart sees (a subchart its own key), failures collected per chart into one error message.

import type { Chart } from '../chart/types.ts';
import type { GoMap } from '../template/values.ts';
import { type SchemaError, SchemaValidator } from './schema.ts';

export class SchemaValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaValidationError';
  }
}

function lines(e: SchemaError, indent: string): string[] {
  return [`${indent}- at '${e.at}': ${e.message}`, ...e.causes.flatMap((c) => lines(c, `${indent}  `))];
}

/** The text helm prints for one schema's failures (its validator's lines plus helm's newline). */
export function formatSchemaErrors(errors: readonly SchemaError[]): string {
  return `${errors.flatMap((e) => lines(e, '')).join('\n')}\n`;
}

function chartReport(chart: Chart, values: GoMap): string {
  let out = '';
  if (chart.schema !== undefined) {
    let schema: unknown;
    try {
      schema = JSON.parse(new TextDecoder().decode(chart.schema));
    } catch (err) {
      throw new SchemaValidationError(`${chart.metadata.name}:\nunable to validate schema: ${(err as Error).message}`);
    }
    const errors = new SchemaValidator(schema as boolean | Record<string, unknown>).validate(values);
    if (errors.length > 0) out += `${chart.metadata.name}:\n${formatSchemaErrors(errors)}`;
  }
  for (const sub of chart.dependencies) {
    const own = values[sub.metadata.name];
    const subValues = own !== null && typeof own === 'object' && !Array.isArray(own) ? (own as GoMap) : {};
    out += chartReport(sub, subValues);
  }
  return out;
}

/** Whether any chart in the tree carries a schema, so callers can skip the work when none does. */
export function hasSchema(chart: Chart): boolean {
  return chart.schema !== undefined || chart.dependencies.some(hasSchema);
}

/** Throws helm's "values don't meet the specifications..." error when a schema rejects the values. */
export function validateChartValues(chart: Chart, coalesced: GoMap): void {
  const report = chartReport(chart, coalesced);
  if (report !== '') throw new SchemaValidationError(`values don't meet the specifications of the schema(s) in the following chart(s):\n${report}`);
}
