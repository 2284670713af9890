export { EntityActionItemsCard } from './EntityActionItemsCard';
