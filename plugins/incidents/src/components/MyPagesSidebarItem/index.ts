export { MyPagesSidebarItem } from './MyPagesSidebarItem';
