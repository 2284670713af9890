import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ProxiedSignInPage,
  WarningPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Button,
  List,
  ListItem,
  ListItemText,
  TextField,
  Typography,
} from '@material-ui/core';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  DEMO_USER_HEADER,
  DemoUser,
  GUEST_CHOICE,
  forgetDemoUser,
  forgetOnSignOut,
  rememberDemoUser,
  rememberedDemoUser,
} from './demoUser';

/** The backend's own words for a refusal, e.g. "refused under the production config". */
function reason(error: Error): string {
  const body = (error as Partial<ResponseError>).body;
  return body?.error?.message ?? error.message;
}

function matches(user: DemoUser, query: string) {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  return [
    user.displayName,
    user.userEntityRef,
    ...user.teams.map(t => t.displayName),
  ]
    .join(' ')
    .toLocaleLowerCase()
    .includes(q);
}

function UserChoice(props: {
  error?: Error;
  onChoose: (userEntityRef: string) => void;
  onGuest: () => void;
}) {
  const discoveryApi = useApi(discoveryApiRef);
  const [query, setQuery] = useState('');
  const users = useAsync(async () => {
    const baseUrl = await discoveryApi.getBaseUrl('demo-sign-in');
    const response = await fetch(`${baseUrl}/users`);
    if (!response.ok) {
      const body = await response.json().catch(() => undefined);
      throw new Error(
        body?.error?.message ?? `${response.status} ${response.statusText}`,
      );
    }
    return ((await response.json()) as { users: DemoUser[] }).users;
  }, [discoveryApi]);
  const shown = useMemo(
    () => (users.value ?? []).filter(user => matches(user, query)),
    [users.value, query],
  );

  return (
    <Page themeId="home">
      <Header
        title="Firebreak demo portal"
        subtitle="Development only: sign in as any user of the demo organisation"
      />
      <Content>
        {props.error && (
          <WarningPanel
            defaultExpanded
            severity="error"
            title="Could not sign in"
            message={reason(props.error)}
          />
        )}
        {users.error && (
          <WarningPanel
            defaultExpanded
            severity="error"
            title="The demo sign-in is not available"
            message={reason(users.error)}
          />
        )}
        {users.error && (
          <InfoCard title="Sign in">
            <Typography variant="body2" paragraph>
              Where the backend allows Backstage's guest sign-in, you can still
              enter as the guest user.
            </Typography>
            <Button variant="contained" color="primary" onClick={props.onGuest}>
              Sign in as guest
            </Button>
          </InfoCard>
        )}
        {users.loading && <Progress />}
        {users.value && (
          <InfoCard title="Sign in as…">
            <Typography variant="body2" paragraph>
              Pick the person whose seat you want to try: the incident
              commander, the paged on-call, a team lead. You get their identity
              and their teams.
            </Typography>
            <TextField
              id="demo-sign-in-search"
              label="Find a user or team"
              value={query}
              onChange={e => setQuery(e.target.value)}
              variant="outlined"
              size="small"
              fullWidth
            />
            <List aria-label="Demo users">
              {shown.map(user => (
                <ListItem
                  key={user.userEntityRef}
                  button
                  onClick={() => props.onChoose(user.userEntityRef)}
                  aria-label={`Sign in as ${user.displayName}`}
                  data-user-ref={user.userEntityRef}
                >
                  <ListItemText
                    primary={user.displayName}
                    secondary={
                      user.teams.map(team => team.displayName).join(', ') ||
                      'no team'
                    }
                  />
                </ListItem>
              ))}
              {shown.length === 0 && (
                <ListItem>
                  <ListItemText primary={`No user matches “${query}”`} />
                </ListItem>
              )}
            </List>
          </InfoCard>
        )}
      </Content>
    </Page>
  );
}

/**
 * The demo portal's sign-in: lists the catalog's users with their teams and signs the visitor
 * in as the one they pick (auth provider `demo`, development only). The choice is remembered
 * until sign-out. Where the demo sign-in is refused (a production build, as `make bench`
 * runs it), the guest sign-in is offered instead.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const [userEntityRef, setUserEntityRef] = useState(rememberedDemoUser);
  const [error, setError] = useState<Error>();
  // A failed sign-in (e.g. the user left the catalog) forgets the choice and offers the list again.
  const SignInFailed = useMemo(
    () =>
      function SignInFailedEffect(failed: { error?: Error }) {
        useEffect(() => {
          forgetDemoUser();
          setError(failed.error);
          setUserEntityRef(undefined);
        }, [failed.error]);
        return null;
      },
    [],
  );

  // Remembered like a demo user, so a reload signs the guest in again.
  if (userEntityRef === GUEST_CHOICE) {
    return (
      <ProxiedSignInPage
        provider="guest"
        onSignInSuccess={identity =>
          props.onSignInSuccess(forgetOnSignOut(identity))
        }
        ErrorComponent={SignInFailed}
      />
    );
  }
  if (!userEntityRef) {
    return (
      <UserChoice
        error={error}
        onGuest={() => {
          rememberDemoUser(GUEST_CHOICE);
          setError(undefined);
          setUserEntityRef(GUEST_CHOICE);
        }}
        onChoose={ref => {
          rememberDemoUser(ref);
          setError(undefined);
          setUserEntityRef(ref);
        }}
      />
    );
  }
  return (
    <ProxiedSignInPage
      provider="demo"
      headers={{ [DEMO_USER_HEADER]: userEntityRef }}
      onSignInSuccess={identity =>
        props.onSignInSuccess(forgetOnSignOut(identity))
      }
      ErrorComponent={SignInFailed}
    />
  );
}
