/**
 * Extension points of the Firebreak incidents backend, and the types backend modules implement
 * to plug into it: on-call providers first.
 *
 * @packageDocumentation
 */
export * from './onCall';
