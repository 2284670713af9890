export * from './types';
export * from './lifecycle';
export * from './update';
export * from './timeline';
export * from './declaration';
export * from './listing';
export * from './policy';
export * from './visibility';
