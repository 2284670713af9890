export { EntityPostmortemsCard } from './EntityPostmortemsCard';
export { entityScope } from './entityScope';
