/** The console: sign-in until a token checks out, then the shell (top bar, nav) around the routed page. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Client } from './api';
import { Loading } from './components/Alerts';
import { Shell } from './components/Shell';
import { type Session, SessionContext } from './components/session';
import { useRoute } from './lib/router';
import { clearToken, loadToken, saveToken } from './lib/session';
import { AdminPage } from './pages/admin/AdminPage';
import { CompatPage } from './pages/CompatPage';
import { JobDetailPage } from './pages/jobs/JobDetailPage';
import { JobsPage } from './pages/jobs/JobsPage';
import { OverviewPage } from './pages/OverviewPage';
import { SignInPage } from './pages/SignInPage';
import { SubmitPage } from './pages/submit/SubmitPage';
import { UsagePage } from './pages/usage/UsagePage';
import type { WhoAmI } from './types';

export function App() {
  const [auth, setAuth] = useState<{ client: Client; me: WhoAmI } | null>(null);
  const [checking, setChecking] = useState(() => loadToken() !== null);
  const [expired, setExpired] = useState<string | null>(null);

  const signOut = useCallback(() => {
    clearToken();
    setAuth(null);
  }, []);

  const signIn = useCallback((client: Client, me: WhoAmI, remember: boolean) => {
    saveToken(client.token, remember);
    client.onUnauthorized = () => {
      clearToken();
      setExpired('Your token is no longer accepted (expired or revoked). Sign in again.');
      setAuth(null);
    };
    setExpired(null);
    setAuth({ client, me });
  }, []);

  // A token kept from an earlier visit: check it once.
  useEffect(() => {
    const token = loadToken();
    if (!token) return;
    const client = new Client(token);
    client
      .whoami()
      .then((me) => signIn(client, me, localStorage.getItem('junction.token') !== null))
      .catch(() => clearToken())
      .finally(() => setChecking(false));
  }, [signIn]);

  const session = useMemo<Session | null>(() => (auth ? { ...auth, signOut } : null), [auth, signOut]);

  if (checking) return <Loading />;
  if (!session) return <SignInPage onSignedIn={signIn} notice={expired} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell>
        <Routed />
      </Shell>
    </SessionContext.Provider>
  );
}

function Routed() {
  const route = useRoute();
  const [first = 'overview', second] = route.path;
  switch (first) {
    case 'jobs':
      return second ? <JobDetailPage id={second} /> : <JobsPage />;
    case 'submit':
      return <SubmitPage />;
    case 'compat':
      return <CompatPage />;
    case 'usage':
      return <UsagePage />;
    case 'admin':
      return <AdminPage tab={second ?? 'tenants'} />;
    default:
      return <OverviewPage />;
  }
}
