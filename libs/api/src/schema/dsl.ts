import type {
  ArrayNode,
  BooleanNode,
  CommonOptions,
  IntegerNode,
  IntOrStringNode,
  JsonNode,
  MapNode,
  NumberNode,
  ObjectNode,
  SchemaNode,
  StringNode,
} from './types.ts';

type Options<N extends SchemaNode> = Omit<N, 'type'>;

export function string(options: Options<StringNode> = {}): StringNode {
  return { type: 'string', ...options };
}

/** A string restricted to the listed values. */
export function oneOf(values: readonly string[], options: Omit<Options<StringNode>, 'enum'> = {}): StringNode {
  return { type: 'string', enum: values, ...options };
}

export function integer(options: Options<IntegerNode> = {}): IntegerNode {
  return { type: 'integer', ...options };
}

export function number(options: Options<NumberNode> = {}): NumberNode {
  return { type: 'number', ...options };
}

export function boolean(options: Options<BooleanNode> = {}): BooleanNode {
  return { type: 'boolean', ...options };
}

export function array(items: SchemaNode, options: Omit<Options<ArrayNode>, 'items'> = {}): ArrayNode {
  return { type: 'array', items, ...options };
}

export function object(
  properties: Readonly<Record<string, SchemaNode>>,
  options: Omit<Options<ObjectNode>, 'properties'> = {},
): ObjectNode {
  return { type: 'object', properties, ...options };
}

export function map(values: SchemaNode, options: Omit<Options<MapNode>, 'values'> = {}): MapNode {
  return { type: 'map', values, ...options };
}

/** A map of strings to strings, the shape of labels, annotations and most metadata. */
export function stringMap(options: Omit<Options<MapNode>, 'values'> = {}): MapNode {
  return map(string(), options);
}

export function json(options: Options<JsonNode> = {}): JsonNode {
  return { type: 'json', ...options };
}

export function intOrString(options: Options<IntOrStringNode> = {}): IntOrStringNode {
  return { type: 'intOrString', ...options };
}

/**
 * Go durations as Flux accepts them. Upstream gives most fields hours, but source timeouts stop at
 * minutes; the two patterns are part of the contract, so they live here and nowhere else.
 */
export const durationPattern = '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$';
export const durationWithoutHoursPattern = '^([0-9]+(\\.[0-9]+)?(ms|s|m))+$';

export function duration(options: Omit<Options<StringNode>, 'pattern'> & { hours?: boolean } = {}): StringNode {
  const { hours = true, ...rest } = options;
  return { type: 'string', pattern: hours ? durationPattern : durationWithoutHoursPattern, ...rest };
}

/**
 * Reuses a shared fragment (a reference type, an artifact, ...) at one field, with that field's own doc
 * and required flag. The fragment keeps its type name, so TypeScript shows the shared interface.
 */
export function ref<N extends SchemaNode>(fragment: N, options: CommonOptions = {}): N {
  return { ...fragment, ...options };
}
