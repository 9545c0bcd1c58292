import type { JSONSchemaProps, SchemaNode } from './types.ts';

/**
 * Renders a DSL node as a structural OpenAPI v3 schema. Keys come out in alphabetical order, as
 * controller-gen writes them, so the generated CRDs diff cleanly against upstream's.
 */
export function toOpenAPI(node: SchemaNode): JSONSchemaProps {
  const out: JSONSchemaProps = {};
  switch (node.type) {
    case 'string':
      out.type = 'string';
      if (node.enum) out.enum = [...node.enum];
      if (node.format !== undefined) out.format = node.format;
      if (node.maxLength !== undefined) out.maxLength = node.maxLength;
      if (node.minLength !== undefined) out.minLength = node.minLength;
      if (node.pattern !== undefined) out.pattern = node.pattern;
      break;
    case 'integer':
      out.type = 'integer';
      if (node.format !== undefined) out.format = node.format;
      if (node.maximum !== undefined) out.maximum = node.maximum;
      if (node.minimum !== undefined) out.minimum = node.minimum;
      break;
    case 'number':
      out.type = 'number';
      if (node.maximum !== undefined) out.maximum = node.maximum;
      if (node.minimum !== undefined) out.minimum = node.minimum;
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'array':
      out.type = 'array';
      out.items = toOpenAPI(node.items);
      if (node.maxItems !== undefined) out.maxItems = node.maxItems;
      if (node.minItems !== undefined) out.minItems = node.minItems;
      break;
    case 'object': {
      out.type = 'object';
      const names = Object.keys(node.properties).sort();
      out.properties = Object.fromEntries(names.map((name) => [name, toOpenAPI(node.properties[name]!)]));
      const required = names.filter((name) => node.properties[name]!.required);
      if (required.length > 0) out.required = required;
      break;
    }
    case 'map':
      out.type = 'object';
      out.additionalProperties = toOpenAPI(node.values);
      break;
    case 'json':
      break;
    case 'intOrString':
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
      break;
  }
  return sortKeys(withCommon(out, node));
}

function withCommon(out: JSONSchemaProps, node: SchemaNode): JSONSchemaProps {
  const description = node.doc ?? (node.type === 'object' ? node.typeDoc : undefined);
  if (description !== undefined) out.description = description;
  if (node.default !== undefined) out.default = node.default;
  if (node.nullable) out.nullable = true;
  if (node.type === 'json') out['x-kubernetes-preserve-unknown-fields'] = true;
  if (node.type === 'intOrString') out['x-kubernetes-int-or-string'] = true;
  if (node.type === 'array' && node.listType) out['x-kubernetes-list-type'] = node.listType;
  if (node.type === 'array' && node.listMapKeys) out['x-kubernetes-list-map-keys'] = [...node.listMapKeys];
  if (node.validations && node.validations.length > 0) {
    out['x-kubernetes-validations'] = node.validations.map(({ rule, message }) => ({ message, rule }));
  }
  return out;
}

function sortKeys(schema: JSONSchemaProps): JSONSchemaProps {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(schema).sort()) sorted[key] = schema[key as keyof JSONSchemaProps];
  return sorted as JSONSchemaProps;
}
