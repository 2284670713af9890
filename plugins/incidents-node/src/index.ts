/**
 * Extension points of the Firebreak incidents backend, and the types backend modules implement
 * to plug into it: on-call providers and status page providers.
 *
 * @packageDocumentation
 */
export * from './onCall';
export * from './statusPage';
