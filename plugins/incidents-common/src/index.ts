/**
 * Shared vocabulary of Firebreak: the Incident Response Workflow as typed data (severities,
 * SLA table, lifecycle graph), API payload schemas and permissions. No I/O.
 *
 * @packageDocumentation
 */
export * from './severity';
export * from './lifecycle';
export * from './types';
export * from './schemas';
export * from './permissions';
export * from './format';
export * from './alerts';
export * from './roles';
export * from './checklists';
export * from './response';
export * from './responseSchemas';
export * from './postmortem';
export * from './postmortemSchemas';
export * from './insights';
export * from './events';
export * from './refs';
