import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { DEMO_USER_HEADER, demoSignInRefusal } from './demoSignInAllowed';

type DemoAuthResult = { userEntityRef: string };

function chosenUserRef(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) {
    throw new InputError(`Choose a demo user (header ${DEMO_USER_HEADER})`);
  }
  try {
    const ref = parseEntityRef(value, { defaultKind: 'user' });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'user') throw new Error();
    return stringifyEntityRef(ref);
  } catch {
    throw new InputError(`${DEMO_USER_HEADER} must be a user entity ref`);
  }
}

/**
 * Auth provider `demo`: signs the visitor in as the catalog user they picked on the demo
 * sign-in page, with that user's ownership (their groups), so permissions and pages apply
 * to them as to the real person. Refused outside development and under the production config.
 */
export const authModuleDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const refusal = demoSignInRefusal(config);
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory<DemoAuthResult>({
            authenticator: createProxyAuthenticator<
              undefined,
              DemoAuthResult,
              unknown
            >({
              defaultProfileTransform: async () => ({ profile: {} }),
              initialize: () => undefined,
              async authenticate({ req }) {
                if (refusal) throw new NotAllowedError(refusal);
                return {
                  result: {
                    userEntityRef: chosenUserRef(req.headers[DEMO_USER_HEADER]),
                  },
                };
              },
            }),
            async signInResolver({ result }, ctx) {
              if (refusal) throw new NotAllowedError(refusal);
              const { entity } = await ctx
                .findCatalogUser({ entityRef: result.userEntityRef })
                .catch(() => {
                  throw new NotAllowedError(
                    `${result.userEntityRef} is not a user in the catalog`,
                  );
                });
              return ctx.signInWithCatalogUser({
                entityRef: stringifyEntityRef(entity),
              });
            },
          }),
        });
      },
    });
  },
});
