import type { PrinterColumn } from './kind.ts';

export const ageColumn: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
export const readyColumn: PrinterColumn = {
  name: 'Ready',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Ready")].status',
};
export const statusColumn: PrinterColumn = {
  name: 'Status',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Ready")].message',
};

export function specColumn(name: string, jsonPath: string): PrinterColumn {
  return { name, type: 'string', jsonPath };
}

/** Age, Ready, Status: the columns of every Flux kind that reconciles. */
export const readinessColumns: readonly PrinterColumn[] = [ageColumn, readyColumn, statusColumn];
