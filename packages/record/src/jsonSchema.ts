// A small JSON Schema (2020-12) validator for the keywords decisionRecordJsonSchema uses. It runs
// in the browser and on the server without generating code, and refuses schemas with keywords it
// does not know, so it can never pass a value by silently skipping a rule.

/** A JSON Schema object (only the keywords listed in {@link KEYWORDS} are understood). */
export type JsonSchema = { readonly [keyword: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description']);
const KEYWORDS = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'anyOf',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObject(v);
    default:
      throw new Error(`unsupported type ${type}`);
  }
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Validates `value` against `schema` (whose `$defs` resolve `#/$defs/<name>` references).
 * Returns one `path: message` per problem; empty when valid.
 * @throws Error when the schema uses a keyword this validator does not implement.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown): string[] {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const errors: string[] = [];
  const regexps = new Map<string, RegExp>();

  const check = (s: JsonSchema, v: unknown, path: string): void => {
    for (const key of Object.keys(s)) if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`unsupported JSON Schema keyword ${key}`);
    const fail = (message: string) => errors.push(`${path || '/'}: ${message}`);
    if (typeof s.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
      const target = name ? defs[name] : undefined;
      if (!isObject(target)) throw new Error(`unresolvable $ref ${s.$ref}`);
      check(target, v, path);
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(t, v))) return void fail(`must be ${types.join(' or ')}`);
    }
    if ('const' in s && !jsonEqual(s.const, v)) fail(`must be ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.some((e) => jsonEqual(e, v))) fail(`must be one of ${JSON.stringify(s.enum)}`);
    if (Array.isArray(s.anyOf)) {
      const before = errors.length;
      const ok = (s.anyOf as JsonSchema[]).some((option) => {
        const mark = errors.length;
        check(option, v, path);
        const passed = errors.length === mark;
        errors.length = mark;
        return passed;
      });
      errors.length = before;
      if (!ok) fail('matches none of anyOf');
    }
    if (typeof v === 'string') {
      const length = [...v].length;
      if (typeof s.minLength === 'number' && length < s.minLength) fail(`must have at least ${s.minLength} characters`);
      if (typeof s.maxLength === 'number' && length > s.maxLength) fail(`must have at most ${s.maxLength} characters`);
      if (typeof s.pattern === 'string') {
        let re = regexps.get(s.pattern);
        if (!re) {
          re = new RegExp(s.pattern, 'u');
          regexps.set(s.pattern, re);
        }
        if (!re.test(v)) fail(`must match ${s.pattern}`);
      }
    }
    if (typeof v === 'number' && typeof s.minimum === 'number' && v < s.minimum) fail(`must be at least ${s.minimum}`);
    if (Array.isArray(v) && isObject(s.items)) for (const [i, item] of v.entries()) check(s.items as JsonSchema, item, `${path}/${i}`);
    if (isObject(v)) {
      const props = isObject(s.properties) ? s.properties : {};
      if (Array.isArray(s.required)) for (const k of s.required as string[]) if (!Object.hasOwn(v, k)) fail(`missing property ${k}`);
      for (const [k, child] of Object.entries(v)) {
        const at = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (isObject(s.propertyNames)) check(s.propertyNames, k, at);
        if (Object.hasOwn(props, k)) check(props[k] as JsonSchema, child, at);
        else if (s.additionalProperties === false) fail(`unknown property ${k}`);
        else if (isObject(s.additionalProperties)) check(s.additionalProperties, child, at);
      }
    }
  };

  check(schema, value, '');
  return errors;
}
