/**
 * The nodes of the schema DSL. A node describes one field once; the OpenAPI renderer turns it into the
 * CRD schema and the TypeScript renderer into a type, so the two can never disagree.
 */

/** A CEL rule, rendered as one entry of x-kubernetes-validations. */
export interface CelRule {
  rule: string;
  message: string;
}

export interface CommonOptions {
  /** The description users read in `kubectl explain` and in the generated JSDoc. */
  doc?: string;
  /** Whether the enclosing object lists this field under `required`. */
  required?: boolean;
  nullable?: boolean;
  /** A value the API server fills in when the field is absent. */
  default?: unknown;
  validations?: readonly CelRule[];
}

export interface StringNode extends CommonOptions {
  type: 'string';
  enum?: readonly string[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  format?: string;
}

export interface IntegerNode extends CommonOptions {
  type: 'integer';
  format?: 'int32' | 'int64';
  minimum?: number;
  maximum?: number;
}

export interface NumberNode extends CommonOptions {
  type: 'number';
  minimum?: number;
  maximum?: number;
}

export interface BooleanNode extends CommonOptions {
  type: 'boolean';
}

export interface ArrayNode extends CommonOptions {
  type: 'array';
  items: SchemaNode;
  minItems?: number;
  maxItems?: number;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: readonly string[];
}

export interface ObjectNode extends CommonOptions {
  type: 'object';
  properties: Readonly<Record<string, SchemaNode>>;
  /** When set, the TypeScript renderer emits a named interface instead of an inline object type. */
  typeName?: string;
  /** The description of the named type itself; a field using it may say something more specific. */
  typeDoc?: string;
}

/** An object with arbitrary keys whose values all share one schema (additionalProperties). */
export interface MapNode extends CommonOptions {
  type: 'map';
  values: SchemaNode;
}

/** Free-form JSON the API server keeps as-is (x-kubernetes-preserve-unknown-fields), e.g. Helm values. */
export interface JsonNode extends CommonOptions {
  type: 'json';
  /** The TypeScript type to expose; free-form values are `unknown` unless the caller knows better. */
  tsType?: string;
}

/** A value that is either an integer or a string (x-kubernetes-int-or-string), e.g. a port. */
export interface IntOrStringNode extends CommonOptions {
  type: 'intOrString';
}

export type SchemaNode =
  | StringNode
  | IntegerNode
  | NumberNode
  | BooleanNode
  | ArrayNode
  | ObjectNode
  | MapNode
  | JsonNode
  | IntOrStringNode;

/** The OpenAPI v3 subset a CRD schema is made of (apiextensions.k8s.io/v1 JSONSchemaProps). */
export interface JSONSchemaProps {
  type?: string;
  description?: string;
  properties?: Record<string, JSONSchemaProps>;
  required?: string[];
  items?: JSONSchemaProps;
  additionalProperties?: JSONSchemaProps;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  anyOf?: JSONSchemaProps[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-validations'?: CelRule[];
}
