// A small JSON Schema walker for the OpenAPI 3.0 component schemas in X's spec, enough to check
// that a response body has the keys, types and formats X documents. Strict mode also reports keys
// the spec does not declare, which catches a fake that invents fields.

export interface OpenApiDocument {
  components: { schemas: Record<string, Schema> };
}

interface Schema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
}

export interface CheckOptions {
  /** Report object keys that no schema in force declares (where additionalProperties is not given). */
  strict?: boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI's types, as a value is checked against each. */
const TYPE_CHECKS: Record<NonNullable<Schema['type']>, { name: string; holds(value: unknown): boolean }> = {
  object: { name: 'an object', holds: isObject },
  array: { name: 'an array', holds: (value) => Array.isArray(value) },
  string: { name: 'a string', holds: (value) => typeof value === 'string' },
  integer: { name: 'an integer', holds: (value) => Number.isInteger(value) },
  number: { name: 'a number', holds: (value) => typeof value === 'number' },
  boolean: { name: 'a boolean', holds: (value) => typeof value === 'boolean' },
};

class Checker {
  readonly problems: string[] = [];
  constructor(
    private readonly doc: OpenApiDocument,
    private readonly strict: boolean,
  ) {}

  resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; current.$ref; hops += 1) {
      const name = /^#\/components\/schemas\/(.+)$/.exec(current.$ref)?.[1];
      const target = name === undefined ? undefined : this.doc.components.schemas[name];
      if (!target || hops > 50) throw new Error(`openapi-checker: cannot resolve ${current.$ref}`);
      current = target;
    }
    return current;
  }

  /** The concrete schema a discriminator selects for this value, if the mapping names one. */
  private discriminated(schema: Schema, value: unknown): Schema | null {
    if (!schema.discriminator || !isObject(value)) return null;
    const key = value[schema.discriminator.propertyName];
    const ref = typeof key === 'string' ? schema.discriminator.mapping?.[key] : undefined;
    return ref ? this.resolve({ $ref: ref }) : null;
  }

  /** Property names every schema applying to this value declares; null when extra keys are allowed. */
  private declared(schema: Schema, value: unknown, viaDiscriminator: boolean): Set<string> | null {
    const node = this.resolve(schema);
    if (node.additionalProperties !== undefined && node.additionalProperties !== false) return null;
    const names = new Set(Object.keys(node.properties ?? {}));
    const parts = [...(node.allOf ?? [])];
    const mapped = viaDiscriminator ? null : this.discriminated(node, value);
    for (const part of parts) {
      const inner = this.declared(part, value, true);
      if (inner === null) return null;
      for (const name of inner) names.add(name);
    }
    if (mapped) {
      const inner = this.declared(mapped, value, true);
      if (inner === null) return null;
      for (const name of inner) names.add(name);
    }
    return names;
  }

  check(schema: Schema, value: unknown, path: string, outermost = true, viaDiscriminator = false): void {
    const node = this.resolve(schema);
    const fail = (message: string): void => {
      this.problems.push(`${path || '(root)'}: ${message}`);
    };

    for (const part of node.allOf ?? []) this.check(part, value, path, false, true);
    if (!viaDiscriminator) {
      const mapped = this.discriminated(node, value);
      if (mapped) this.check(mapped, value, path, false, true);
    }

    if (node.enum && !node.enum.includes(value)) fail(`${JSON.stringify(value)} is not one of ${JSON.stringify(node.enum)}`);
    const expected = node.type === undefined ? undefined : TYPE_CHECKS[node.type];
    if (expected && !expected.holds(value)) return fail(`expected ${expected.name}, got ${JSON.stringify(value)}`);

    if (typeof value === 'string') {
      const length = [...value].length;
      if (node.pattern && !new RegExp(node.pattern, 'u').test(value)) fail(`${JSON.stringify(value)} does not match ${node.pattern}`);
      if (node.minLength !== undefined && length < node.minLength) fail(`shorter than ${node.minLength}`);
      if (node.maxLength !== undefined && length > node.maxLength) fail(`longer than ${node.maxLength}`);
      if (node.format === 'date-time' && !(RFC3339.test(value) && Number.isFinite(Date.parse(value)))) fail(`${JSON.stringify(value)} is not an RFC 3339 date-time`);
      if (node.format === 'uri' && !URL.canParse(value)) fail(`${JSON.stringify(value)} is not a URI`);
    }
    if (typeof value === 'number') {
      if (node.minimum !== undefined && value < node.minimum) fail(`${value} is below ${node.minimum}`);
      if (node.maximum !== undefined && value > node.maximum) fail(`${value} is above ${node.maximum}`);
      if (node.format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) fail(`${value} is outside int32`);
    }
    if (Array.isArray(value)) {
      if (node.minItems !== undefined && value.length < node.minItems) fail(`has ${value.length} items, fewer than ${node.minItems}`);
      if (node.maxItems !== undefined && value.length > node.maxItems) fail(`has ${value.length} items, more than ${node.maxItems}`);
      if (node.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) fail('has duplicate items');
      if (node.items) value.forEach((item, index) => this.check(node.items!, item, `${path}[${index}]`));
    }
    if (isObject(value)) {
      for (const name of node.required ?? []) if (!(name in value)) fail(`missing required key "${name}"`);
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        if (name in value) this.check(property, value[name], path ? `${path}.${name}` : name);
      }
      if (typeof node.additionalProperties === 'object') {
        for (const [name, item] of Object.entries(value)) {
          if (!(name in (node.properties ?? {}))) this.check(node.additionalProperties, item, path ? `${path}.${name}` : name);
        }
      }
      if (this.strict && outermost) {
        const declared = this.declared(node, value, false);
        if (declared) for (const name of Object.keys(value)) if (!declared.has(name)) fail(`key "${name}" is not in the spec`);
      }
    }
  }
}

/**
 * Checks `value` against `#/components/schemas/<schemaName>` of an OpenAPI document.
 * Returns one message per problem (empty when the value conforms), each naming the JSON path.
 */
export function checkAgainstSchema(doc: OpenApiDocument, schemaName: string, value: unknown, options: CheckOptions = {}): string[] {
  const checker = new Checker(doc, options.strict ?? false);
  checker.check({ $ref: `#/components/schemas/${schemaName}` }, value, '');
  return checker.problems;
}
