/**
 * Parameter schemas of the permission rules, written against the Standard Schema and Standard
 * JSON Schema interfaces that @backstage/plugin-permission-node validates and describes rule
 * parameters with (it validates a policy's parameters, and lists them in its metadata).
 */

type Issue = { message: string; path?: PropertyKey[] };

/** A Standard Schema with a JSON Schema, for parameters of type `T`. */
export interface RuleParamsSchema<T> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly types?: { input: T; output: T };
    readonly validate: (
      value: unknown,
    ) => { value: T; issues?: undefined } | { issues: Issue[] };
    readonly jsonSchema: {
      readonly input: () => Record<string, unknown>;
      readonly output: () => Record<string, unknown>;
    };
  };
}

/** `{ [key]: string[] }`, each string one of `allowed` when given. */
export function stringListParams<K extends string, V extends string = string>(
  key: K,
  description: string,
  allowed?: readonly V[],
): RuleParamsSchema<Record<K, V[]>> {
  const items = allowed
    ? { type: 'string', enum: [...allowed] }
    : { type: 'string' };
  return paramsSchema<Record<K, V[]>>(
    { [key]: { type: 'array', items, description } },
    value => {
      const list = (value as Record<string, unknown>)[key];
      if (!Array.isArray(list)) {
        return [
          { message: `${key}: must be an array of strings`, path: [key] },
        ];
      }
      return list.flatMap((item, index): Issue[] => {
        if (typeof item !== 'string') {
          return [
            {
              message: `${key}[${index}]: must be a string`,
              path: [key, index],
            },
          ];
        }
        if (allowed && !(allowed as readonly string[]).includes(item)) {
          return [
            {
              message: `${key}[${index}]: must be one of ${allowed.join(', ')}`,
              path: [key, index],
            },
          ];
        }
        return [];
      });
    },
  );
}

function paramsSchema<T>(
  properties: Record<string, unknown>,
  check: (value: object) => Issue[],
): RuleParamsSchema<T> {
  const schema = () => ({
    type: 'object',
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  });
  return {
    '~standard': {
      version: 1,
      vendor: 'firebreak',
      validate: value => {
        if (
          typeof value !== 'object' ||
          value === null ||
          Array.isArray(value)
        ) {
          return { issues: [{ message: 'parameters must be an object' }] };
        }
        const issues = check(value);
        return issues.length > 0 ? { issues } : { value: value as T };
      },
      jsonSchema: { input: schema, output: schema },
    },
  };
}
