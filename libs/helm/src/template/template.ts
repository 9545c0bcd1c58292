// A set of named templates sharing functions and options, as Go's *template.Template is: parse files
// into it, then execute any of them by name.

import { type FuncMap } from './builtins.ts';
import { execute, functionFinder, type MissingKey, TemplateExecError } from './exec.ts';
import { isEmptyTree } from './nodes.ts';
import { parse, type Tree } from './parse.ts';
import { quote } from './strconv.ts';
import type { GoValue } from './values.ts';

export interface TemplateSetOptions {
  funcs?: FuncMap;
  /** Go's Option("missingkey=..."); Go's default is `default`, Helm sets `zero`. */
  missingKey?: MissingKey;
  leftDelim?: string;
  rightDelim?: string;
}

export class TemplateSet {
  /** Every template by name: files and their defines share one namespace. */
  readonly trees = new Map<string, Tree>();
  readonly funcs: FuncMap;
  missingKey: MissingKey;
  readonly leftDelim: string | undefined;
  readonly rightDelim: string | undefined;
  private readonly find: ReturnType<typeof functionFinder>;

  constructor(options: TemplateSetOptions = {}) {
    this.funcs = { ...options.funcs };
    this.missingKey = options.missingKey ?? 'default';
    this.leftDelim = options.leftDelim;
    this.rightDelim = options.rightDelim;
    this.find = functionFinder(this.funcs);
  }

  /** Adds functions; later parses and executions see them (as Go's Funcs). */
  addFuncs(funcs: FuncMap): this {
    Object.assign(this.funcs, funcs);
    return this;
  }

  /**
   * Parses `text` as template `name`, adding it and its defines. A define replaces an earlier template of
   * the same name, except that an empty body never replaces a non-empty one.
   */
  parse(name: string, text: string): this {
    const trees = parse(name, text, {
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
      hasFunction: (n) => this.find(n) !== undefined,
    });
    for (const [n, tree] of trees) {
      const old = this.trees.get(n);
      if (old && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
    return this;
  }

  lookup(name: string): Tree | undefined {
    return this.trees.get(name);
  }

  /** Executes template `name` with `data` as dot; throws TemplateExecError with Go's message. */
  execute(name: string, data: GoValue | undefined): string {
    const tree = this.trees.get(name);
    if (!tree) throw new TemplateExecError(name, `template: no template ${quote(name)} associated with template ${quote(name)}`);
    return execute(
      { lookup: (n) => this.trees.get(n), findFunction: this.find, missingKey: this.missingKey },
      tree,
      data,
    );
  }

  /** A copy with the same templates and functions, which can be extended without touching this one. */
  clone(): TemplateSet {
    const c = new TemplateSet({
      funcs: this.funcs,
      missingKey: this.missingKey,
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
    });
    for (const [n, t] of this.trees) c.trees.set(n, t);
    return c;
  }
}
