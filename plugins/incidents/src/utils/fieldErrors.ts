import { errorMessage, errorStatus } from './errors';

/** One complaint of a 400: the request field it names and what the server said about it. */
export interface FieldComplaint {
  /** e.g. `url`, `affectedEntityRefs[0]` */
  path: string;
  detail: string;
}

const PREFIX = /^Invalid (?:request body|query): /;

/**
 * The per-field complaints of a 400 `Invalid request body: a: x; b[0]: y`, each once; empty
 * for any other error.
 */
export function fieldComplaints(error: unknown): FieldComplaint[] {
  const message = errorMessage(error);
  if (errorStatus(error) !== 400 || !PREFIX.test(message)) return [];
  const seen = new Set<string>();
  return message
    .replace(PREFIX, '')
    .split('; ')
    .flatMap(part => {
      const at = part.indexOf(': ');
      if (at < 0 || seen.has(part)) return [];
      seen.add(part);
      return [{ path: part.slice(0, at), detail: part.slice(at + 2) }];
    });
}

/**
 * Turns a 400 into sentences for the form's fields: `sentences` maps a field (the path up to
 * its first `[` or `.`) to the sentence shown next to it. What no field claims comes back as
 * `other`, in the server's words.
 */
export function fieldErrorsOf<F extends string>(
  error: unknown,
  sentences: Partial<Record<string, (c: FieldComplaint) => [F, string]>>,
): { fields: Partial<Record<F, string>>; other?: string } {
  const complaints = fieldComplaints(error);
  const fields: Partial<Record<F, string>> = {};
  const unclaimed: string[] = [];
  for (const complaint of complaints) {
    const sentence = sentences[complaint.path.split(/[[.]/)[0]];
    if (sentence) {
      const [field, text] = sentence(complaint);
      fields[field] = fields[field] ? `${fields[field]} ${text}` : text;
    } else {
      unclaimed.push(`${complaint.path}: ${complaint.detail}`);
    }
  }
  if (complaints.length === 0) return { fields, other: errorMessage(error) };
  return unclaimed.length
    ? { fields, other: `The server refused this: ${unclaimed.join('; ')}` }
    : { fields };
}
