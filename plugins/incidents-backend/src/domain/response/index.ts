export * from './names';
export * from './roles';
export * from './commander';
export * from './paging';
export * from './checklist';
export * from './ownership';
