export { authModuleDemoProvider } from './authModuleDemoProvider';
export { demoUsersPlugin } from './demoUsersPlugin';
