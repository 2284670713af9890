#!/usr/bin/env node
// The one-way rule of ARCHITECTURE.md for the backend plugin's folders ("rooms"): each room
// may import only the rooms below it. Prints every import that runs the wrong way (and any
// folder cycle), and exits 1 if there is one.
//   node scripts/import-rules/check.mjs [src-dir]   (default: plugins/incidents-backend/src)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Room -> the rooms it may import. Root files (plugin.ts, index.ts) wire everything. */
export const ALLOWED = {
  service: ['alerts', 'response', 'domain', 'database', 'catalog', 'schema'],
  alerts: ['response', 'domain', 'database', 'catalog'],
  response: ['domain', 'database', 'catalog'],
  database: ['domain'],
  catalog: ['domain'],
  domain: [],
  schema: [],
};

const IMPORT =
  /(?:import|export)[^'"`;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|require\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== '__testUtils__' && name !== 'node_modules')
        yield* sources(path);
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
      yield path;
    }
  }
}

/** Every import between rooms that the rules forbid, as `from -> to (file: specifier)`. */
export function findViolations(srcDir) {
  const root = resolve(srcDir);
  const roomOf = path => {
    const rel = relative(root, path);
    return rel.includes(sep) ? rel.split(sep)[0] : undefined;
  };
  const violations = [];
  for (const file of sources(root)) {
    const from = roomOf(file);
    if (!from) continue; // root files wire the plugin
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      const target = normalize(join(dirname(file), specifier));
      if (!target.startsWith(root + sep)) continue;
      const to = roomOf(target) ?? relative(root, target);
      if (to === from) continue;
      const allowed = ALLOWED[from];
      if (!allowed) {
        violations.push(`${from}: not a known room (add it to ALLOWED)`);
      } else if (!allowed.includes(to)) {
        violations.push(
          `${from} -> ${to} (${relative(root, file)}: '${specifier}')`,
        );
      }
    }
  }
  return [...new Set(violations)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = dirname(fileURLToPath(import.meta.url));
  const srcDir =
    process.argv[2] ?? join(here, '../../plugins/incidents-backend/src');
  const violations = findViolations(srcDir);
  if (violations.length > 0) {
    console.error(
      `imports: ${violations.length} import(s) against the one-way rule (service -> alerts -> response -> domain/database/catalog):`,
    );
    for (const v of violations) console.error(`  ${v}`);
    process.exit(1);
  }
  console.log(
    `imports: ${
      relative(process.cwd(), srcDir) || '.'
    } follows the one-way rule`,
  );
}
