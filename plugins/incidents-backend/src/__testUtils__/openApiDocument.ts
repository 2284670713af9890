import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/**
 * The API contract, src/schema/openapi.yaml, as tests use it: the routes it documents, and
 * the validation of a response against the schema documented for its route and status.
 */

type Json = Record<string, any>;

export const OPENAPI_PATH = path.resolve(__dirname, '../schema/openapi.yaml');
export const HTTP_METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

let cached: Json | undefined;
export function openApiDocument(): Json {
  cached ??= YAML.parse(readFileSync(OPENAPI_PATH, 'utf8'));
  return cached!;
}

/** `GET /v1/incidents/{id}` for every operation of the document. */
export function documentedRoutes(): string[] {
  const routes: string[] = [];
  for (const [template, item] of Object.entries<Json>(
    openApiDocument().paths,
  )) {
    for (const method of HTTP_METHODS) {
      if (item[method]) {
        routes.push(`${method.toUpperCase()} ${template}`);
      }
    }
  }
  return routes.sort();
}

/** `/v1/incidents/:id` (express) → `/v1/incidents/{id}` (OpenAPI). */
export function toTemplate(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z]+)/g, '{$1}');
}

/** The documented path template a concrete path matches, most literal segments first. */
export function matchTemplate(concretePath: string): string | undefined {
  const segments = concretePath.split('?')[0].split('/');
  const candidates = Object.keys(openApiDocument().paths).filter(template => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((p, i) => /^\{.+\}$/.test(p) || p === segments[i])
    );
  });
  const literal = (t: string) => t.split('/').filter(p => !p.startsWith('{'));
  return candidates.sort((a, b) => literal(b).length - literal(a).length)[0];
}

/** OpenAPI 3.0 schema → JSON schema: `nullable`, and refs into the components. */
function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(
        '#/components/schemas/',
        'openapi#/definitions/',
      );
    } else if (key === 'example' || key === 'nullable') {
      continue;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if ((schema as Json).nullable) {
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction | null>();

function responseSchema(
  template: string,
  method: string,
  status: number,
): ValidateFunction | null | undefined {
  const key = `${method} ${template} ${status}`;
  if (validators.has(key)) return validators.get(key);
  const doc = openApiDocument();
  const operation = doc.paths[template]?.[method.toLowerCase()];
  if (!operation) return undefined;
  let response = operation.responses?.[String(status)];
  if (!response) return undefined;
  if (response.$ref) {
    response = doc.components.responses[response.$ref.split('/').pop()];
  }
  const schema = response?.content?.['application/json']?.schema;
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({
      $id: 'openapi',
      definitions: toJsonSchema(doc.components.schemas) as Json,
    });
  }
  const validate = schema ? ajv.compile(toJsonSchema(schema) as Json) : null;
  validators.set(key, validate);
  return validate;
}

/**
 * What is wrong with a response, by the document: an undocumented route or status, or a
 * body that does not match the documented schema. Empty when it conforms.
 */
export function responseViolations(response: {
  method: string;
  path: string;
  status: number;
  contentType?: string;
  body?: unknown;
}): string[] {
  const { method, status } = response;
  const route = response.path.replace(/^\/api\/incidents/, '').split('?')[0];
  const template = matchTemplate(route);
  const what = `${method} ${route} → ${status}`;
  if (!template) return [`${what}: the path is not in openapi.yaml`];
  const validate = responseSchema(template, method, status);
  if (validate === undefined) {
    return [`${what}: status ${status} is not documented for ${template}`];
  }
  if (validate === null || !response.contentType?.includes('json')) return [];
  if (validate(response.body)) return [];
  return (validate.errors ?? []).map(
    e => `${what}: body${e.instancePath} ${e.message}`,
  );
}
