import type { ObjectNode, SchemaNode } from './types.ts';

/**
 * Renders DSL nodes as TypeScript declarations. Objects with a `typeName` become named interfaces,
 * collected once however many kinds use them; other objects are written inline. Docs become JSDoc, so
 * editors show the same text as `kubectl explain`.
 */
export class TypeScriptRenderer {
  readonly #declarations = new Map<string, string>();
  readonly #order: string[] = [];

  /** Adds `export interface <name>` for an object node and every named object beneath it. */
  declareInterface(name: string, node: ObjectNode, extraMembers: readonly string[] = []): void {
    // Reserve the slot first, so a type is printed before the named types it uses.
    if (!this.#order.includes(name)) this.#order.push(name);
    const body = [...extraMembers, ...this.#members(node, 1)].join('\n');
    const text = `${jsdoc(node.typeDoc ?? node.doc, 0)}export interface ${name} {\n${body}\n}`;
    this.#remember(name, text);
  }

  /** Adds a declaration written by hand, such as an object's envelope. */
  declareRaw(name: string, text: string): void {
    this.#remember(name, text);
  }

  /** Every declaration in the order first seen. */
  render(): string {
    return this.#order.map((name) => this.#declarations.get(name)).join('\n\n');
  }

  /** The TypeScript type expression for a node; named objects are declared on the way. */
  typeOf(node: SchemaNode, depth: number): string {
    switch (node.type) {
      case 'string':
        return node.enum ? node.enum.map((v) => quote(v)).join(' | ') : 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'intOrString':
        return 'number | string';
      case 'json':
        return node.tsType ?? 'unknown';
      case 'array': {
        const item = this.typeOf(node.items, depth);
        return /[|&]/.test(item) && !item.startsWith('{') ? `Array<${item}>` : `${item}[]`;
      }
      case 'map':
        return `Record<string, ${this.typeOf(node.values, depth)}>`;
      case 'object':
        if (node.typeName) {
          // Declared every time it is met, so that a second, different shape under the same name is caught.
          this.declareInterface(node.typeName, { ...node, doc: undefined });
          return node.typeName;
        }
        return `{\n${this.#members(node, depth + 1).join('\n')}\n${indent(depth)}}`;
    }
  }

  #members(node: ObjectNode, depth: number): string[] {
    return Object.entries(node.properties).map(([name, child]) => {
      const optional = child.required ? '' : '?';
      const nullable = child.nullable ? ' | null' : '';
      return `${jsdoc(child.doc, depth)}${indent(depth)}${propertyName(name)}${optional}: ${this.typeOf(child, depth)}${nullable};`;
    });
  }

  #remember(name: string, text: string): void {
    const existing = this.#declarations.get(name);
    if (existing === undefined) {
      this.#declarations.set(name, text);
      if (!this.#order.includes(name)) this.#order.push(name);
    } else if (existing !== text && !sameShape(existing, text)) {
      // Two fragments with one name but different fields would silently lose one of them.
      throw new Error(`type name ${name} is declared twice with different shapes`);
    }
  }
}

/** Named fragments may carry field-specific docs; the shape is what must agree. */
function sameShape(a: string, b: string): boolean {
  const strip = (s: string) => s.replace(/\/\*\*[\s\S]*?\*\/\n/g, '').replace(/\s+/g, ' ');
  return strip(a) === strip(b);
}

function jsdoc(doc: string | undefined, depth: number): string {
  if (!doc) return '';
  const pad = indent(depth);
  const lines = doc.replaceAll('*/', '*\\/').split('\n');
  if (lines.length === 1) return `${pad}/** ${lines[0]} */\n`;
  return `${pad}/**\n${lines.map((l) => (l ? `${pad} * ${l}` : `${pad} *`)).join('\n')}\n${pad} */\n`;
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}

function propertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : quote(name);
}

function quote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
