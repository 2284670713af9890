import { z } from 'zod';

/**
 * Field schemas shared by the API payloads. Every text refuses NUL characters (PostgreSQL
 * cannot store them); every entity ref fits the 255-character columns it is stored in. Both
 * are refused with a message naming the field, on SQLite and PostgreSQL alike.
 */

// A regex (not a refine) keeps the string schema chainable (.min, .max); matching the
// control character NUL is its whole point.
// eslint-disable-next-line no-control-regex
const NO_NUL = /^[^\u0000]*$/;

/** The longest entity ref the database stores. @public */
export const MAX_ENTITY_REF_LENGTH = 255;

/** Schema of a trimmed string of at most `max` characters, without NUL characters. @public */
export const textField = (max: number) =>
  z.string().regex(NO_NUL, 'must not contain NUL characters').trim().max(max);

/** Schema of a string of at most 255 characters without NUL, for refs before they are parsed. @public */
export const refText = () =>
  z
    .string()
    .regex(NO_NUL, 'must not contain NUL characters')
    .trim()
    .max(
      MAX_ENTITY_REF_LENGTH,
      `must be at most ${MAX_ENTITY_REF_LENGTH} characters`,
    );

/** Schema of a full entity ref (`kind:namespace/name` or `kind:name`), lower-cased. @public */
export const entityRefField = () =>
  refText()
    .regex(
      /^[^:/\s]+:([^:/\s]+\/)?[^:/\s]+$/,
      'must be an entity ref such as component:default/checkout',
    )
    .transform(ref => ref.toLocaleLowerCase('en-US'));
