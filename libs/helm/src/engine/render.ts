// Helm's engine.render: every template of a chart in one set named "gotpl", parsed deepest path first,
// partials (_*.tpl) parsed but not executed, missingkey=zero, and "<no value>" erased from the output.

import { helmErrEnd, helmErrStart, helmSetFuncs, helmStaticFuncs } from '../funcs/helm.ts';
import { noDnsFuncs } from '../funcs/dns.ts';
import { sprigFuncs } from '../funcs/sprig.ts';
import { TemplateExecError } from '../template/exec.ts';
import { TemplateParseError } from '../template/parse.ts';
import { TemplateSet } from '../template/template.ts';
import type { GoMap } from '../template/values.ts';
import { valuesMap } from '../values/chartutil.ts';

export interface RenderTemplate {
  /** The full template name, e.g. "mychart/templates/deployment.yaml". */
  name: string;
  text: string;
  /** The top-level object (.Values, .Release, .Chart, ...) of the template's chart. */
  data: GoMap;
  /** e.g. "mychart/templates". */
  basePath: string;
}

export class HelmRenderError extends Error {
  override name = 'HelmRenderError';
}

/** Helm's parse order: deeper paths first, then reverse lexical order. */
export function sortTemplates(names: readonly string[]): string[] {
  const depth = (s: string): number => s.split('/').length;
  return [...names].sort((a, b) => depth(b) - depth(a) || (a < b ? 1 : a > b ? -1 : 0));
}

function cleanupParseError(filename: string, message: string): string {
  const tokens = message.split(': ');
  if (tokens.length === 1) return `parse error in (${filename}): ${message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

function reformatExecError(filename: string, message: string): string {
  const first = message.indexOf(': ');
  const second = first < 0 ? -1 : message.indexOf(': ', first + 2);
  if (second < 0) return `execution error in (${filename}): ${message}`;
  const location = message.slice(first + 2, second);
  const m = new RegExp(`${helmErrStart}(.*)${helmErrEnd}`).exec(message.slice(second + 2));
  if (m) return `execution error at (${location}): ${m[1]}`;
  return message;
}

/** Renders templates as Helm does; returns each executed template's output by name. */
export function renderTemplates(templates: readonly RenderTemplate[], options: { strict?: boolean; enableDns?: boolean } = {}): Map<string, string> {
  const missingKey = options.strict ? 'error' : 'zero';
  const set = new TemplateSet({ missingKey, funcs: { ...sprigFuncs, ...helmStaticFuncs, ...(options.enableDns ? {} : noDnsFuncs) } });
  set.addFuncs(helmSetFuncs(set, new Map(), 'gotpl', missingKey));
  const byName = new Map(templates.map((t) => [t.name, t]));
  const order = sortTemplates([...byName.keys()]);
  for (const name of order) {
    try {
      set.parse(name, byName.get(name)!.text);
    } catch (err) {
      if (err instanceof TemplateParseError) throw new HelmRenderError(cleanupParseError(name, err.message));
      throw err;
    }
  }
  const rendered = new Map<string, string>();
  for (const name of order) {
    if (name.split('/').pop()!.startsWith('_')) continue;
    const t = byName.get(name)!;
    const template = valuesMap({ Name: name, BasePath: t.basePath });
    const data: GoMap = { ...t.data, Template: template };
    try {
      rendered.set(name, set.execute(name, data).replaceAll('<no value>', ''));
    } catch (err) {
      if (err instanceof TemplateExecError) throw new HelmRenderError(reformatExecError(name, err.message));
      if (err instanceof RangeError) throw new HelmRenderError(`rendering template failed: ${err.message}`);
      throw err;
    }
  }
  return rendered;
}
