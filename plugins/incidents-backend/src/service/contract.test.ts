import * as common from '@firebreak/plugin-incidents-common';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  documentedRoutes,
  openApiDocument,
  toTemplate,
} from '../__testUtils__/openApiDocument';
import * as validation from './validation';

/**
 * One source of truth for the API: the routes the router mounts, the zod schemas they parse
 * their input with, and openapi.yaml must agree. (Responses are checked against the document
 * in every HTTP test, by the proxy of __testUtils__/contractProxy.ts; the frontend client is
 * checked in plugins/incidents, IncidentsClient.contract.test.ts.)
 */

interface MountedRoute {
  route: string;
  file: string;
  body?: string;
  query?: string;
}

/** The router's route table, read from the service's source: method, path, input schemas. */
function mountedRoutes(): MountedRoute[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name))
        files.push(file);
    }
  };
  walk(__dirname);
  const routes: MountedRoute[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const starts = [
      ...text.matchAll(/router\.(get|post|put|patch|delete)\(\s*'([^']+)'/g),
    ];
    starts.forEach((match, i) => {
      const block = text.slice(match.index, starts[i + 1]?.index);
      const input = (where: 'body' | 'query') =>
        new RegExp(`parseInput\\(\\s*(\\w+),\\s*req\\.${where}`).exec(
          block,
        )?.[1];
      routes.push({
        route: `${match[1].toUpperCase()} ${toTemplate(match[2])}`,
        file: path.relative(__dirname, file),
        body: input('body'),
        query: input('query'),
      });
    });
  }
  return routes.sort((a, b) => (a.route < b.route ? -1 : 1));
}

const schemas: Record<string, unknown> = { ...common, ...validation };

interface Fields {
  names: string[];
  required: string[];
}

/** Alternatives (a union, oneOf): every field of any, required where all require it. */
function merge(alternatives: Fields[]): Fields {
  const names = [...new Set(alternatives.flatMap(a => a.names))].sort();
  return {
    names,
    required: names.filter(n =>
      alternatives.every(a => a.required.includes(n)),
    ),
  };
}

/** A zod object's fields and which of them are required, through effects and defaults. */
function fieldsOf(schema: z.ZodTypeAny): Fields {
  let inner: z.ZodTypeAny = schema;
  while (inner instanceof z.ZodEffects) inner = inner.innerType();
  if (inner instanceof z.ZodDiscriminatedUnion || inner instanceof z.ZodUnion) {
    return merge([...inner.options].map(fieldsOf));
  }
  if (!(inner instanceof z.ZodObject)) {
    throw new Error(`not an object schema: ${inner.constructor.name}`);
  }
  const shape = inner.shape as Record<string, z.ZodTypeAny>;
  const names = Object.keys(shape).sort();
  return {
    names,
    required: names.filter(name => !shape[name].isOptional()).sort(),
  };
}

type Json = Record<string, any>;
const doc = openApiDocument();
const pick = (ref: string): Json =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((at: Json, key) => at[key], doc);
const resolve = (node: Json): Json =>
  node?.$ref ? resolve(pick(node.$ref)) : node;

function operation(route: string): Json {
  const [method, template] = route.split(' ');
  return doc.paths[template][method.toLowerCase()];
}

/** A documented schema's fields: allOf parts add up, oneOf/anyOf are alternatives. */
function documentedFields(node: Json): Fields {
  const schema = resolve(node);
  const alternatives = schema?.oneOf ?? schema?.anyOf;
  if (alternatives) {
    return merge(alternatives.map(documentedFields));
  }
  const parts: Json[] = schema?.allOf ? schema.allOf.map(resolve) : [schema];
  const names = new Set<string>();
  const required = new Set<string>();
  for (const part of parts) {
    Object.keys(part?.properties ?? {}).forEach(n => names.add(n));
    (part?.required ?? []).forEach((n: string) => required.add(n));
  }
  return { names: [...names].sort(), required: [...required].sort() };
}

function documentedBody(route: string): Fields {
  return documentedFields(
    operation(route).requestBody?.content?.['application/json']?.schema,
  );
}

function documentedQuery(route: string) {
  const parameters = (operation(route).parameters ?? [])
    .map(resolve)
    .filter((p: Json) => p.in === 'query');
  return {
    names: parameters.map((p: Json) => p.name).sort(),
    required: parameters
      .filter((p: Json) => p.required)
      .map((p: Json) => p.name)
      .sort(),
  };
}

describe('the API contract', () => {
  const mounted = mountedRoutes();

  it('documents exactly the routes the router mounts', () => {
    expect(mounted.map(r => r.route)).toEqual(documentedRoutes());
  });

  it.each(mounted.filter(r => r.body).map(r => [r.route, r] as const))(
    '%s: the request body schema and the document name the same fields',
    (route, { body }) => {
      const schema = schemas[body!] as z.ZodTypeAny;
      expect(schema).toBeDefined();
      expect(fieldsOf(schema)).toEqual(documentedBody(route));
    },
  );

  it.each(mounted.filter(r => r.query).map(r => [r.route, r] as const))(
    '%s: the query schema and the documented query parameters agree',
    (route, { query }) => {
      const schema = schemas[query!] as z.ZodTypeAny;
      expect(schema).toBeDefined();
      expect(fieldsOf(schema)).toEqual(documentedQuery(route));
    },
  );

  it('finds the input schemas of the routes that take input', () => {
    const withInput = mounted.filter(r => r.body || r.query).length;
    expect(withInput).toBeGreaterThanOrEqual(15);
  });
});
