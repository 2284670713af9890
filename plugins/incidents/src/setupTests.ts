import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The pages render a whole portal section (sidebar, tabs, lists, lazily loaded editors); on a
// busy 2-core CI machine a first render takes seconds. Waiting longer changes no outcome, it
// only keeps a slow machine from failing a test that would pass.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);
