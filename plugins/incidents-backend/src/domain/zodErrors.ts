import { z } from 'zod';

/** How a schema's refusal reads in a 400: every offending field, by its path. */
function formatPath(path: (string | number)[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${index === 0 ? '' : '.'}${segment}`,
    )
    .join('');
}

function describeIssue(issue: z.ZodIssue): string[] {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map(key => `${at ? `${at}.` : ''}${key}: unknown field`);
  }
  return [at ? `${at}: ${issue.message}` : issue.message];
}

/** `severity: Invalid enum value. Expected 'SEV1' | ...; title: Required` */
export function describeZodError(error: z.ZodError): string {
  return error.issues.flatMap(describeIssue).join('; ');
}
