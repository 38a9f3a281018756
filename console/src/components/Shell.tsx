/** The frame around every page: the top bar with who is signed in, and the left navigation. */
import type { ReactNode } from 'react';
import { useRoute } from '../lib/router';
import type { Role } from '../types';
import { useSession } from './session';

/** The pages, and who may use them (providers run sites: they read no jobs). */
const PAGES: { id: string; label: string; icon: string; hiddenFor?: Role[] }[] = [
  { id: 'overview', label: 'Overview', icon: '◧' },
  { id: 'jobs', label: 'Jobs', icon: '☰', hiddenFor: ['provider'] },
  { id: 'submit', label: 'Submit', icon: '+', hiddenFor: ['provider'] },
  { id: 'compat', label: 'Compatibility', icon: '✓' },
  { id: 'usage', label: 'Usage & cost', icon: '¤' },
];

export function Shell({ children }: { children: ReactNode }) {
  const { me, signOut } = useSession();
  const route = useRoute();
  const current = route.path[0] ?? 'overview';
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" /> Junction
        </div>
        <span className="spacer" />
        <div className="identity" data-testid="identity">
          <span>
            tenant <b data-testid="identity-tenant">{me.tenant}</b>
          </span>
          <span>
            user <b data-testid="identity-user">{me.user}</b>
          </span>
          <span className="badge accent" data-testid="identity-role">
            {me.role}
          </span>
          {me.expiresAt && <span className="faint">expires {me.expiresAt.slice(0, 10)}</span>}
        </div>
        <button type="button" className="btn small" onClick={signOut} data-testid="sign-out">
          Sign out
        </button>
      </header>
      <nav className="nav" aria-label="Pages">
        {PAGES.filter((p) => !p.hiddenFor?.includes(me.role)).map((p) => (
          <a key={p.id} href={`#/${p.id}`} className={current === p.id ? 'active' : ''} data-testid={`nav-${p.id}`}>
            <span className="icon">{p.icon}</span>
            {p.label}
          </a>
        ))}
        {me.role === 'admin' && (
          <>
            <div className="section">Administration</div>
            <a href="#/admin" className={current === 'admin' ? 'active' : ''} data-testid="nav-admin">
              <span className="icon">⚙</span>
              Admin
            </a>
          </>
        )}
      </nav>
      <main className="main">{children}</main>
    </div>
  );
}
