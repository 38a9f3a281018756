/** The signed-in session: the API client, who we are, and sign-out; every page reads it through useSession. */
import { createContext, useContext } from 'react';
import type { Client } from '../api';
import type { WhoAmI } from '../types';

export interface Session {
  client: Client;
  me: WhoAmI;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
