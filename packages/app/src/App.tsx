import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import incidentsPlugin from '@firebreak/plugin-incidents/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Other plugins in packages/app/package.json are discovered through `app.packages: all`.
export default createApp({
  features: [catalogPlugin, incidentsPlugin, navModule, signInModule],
});
