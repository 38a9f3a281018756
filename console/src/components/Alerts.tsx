/** How errors and empty or loading states look everywhere. */
import type { ReactNode } from 'react';
import { ApiError, errorText } from '../api';

export function ErrorBox({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  if (error === undefined || error === null) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  const missingRoute = error instanceof ApiError && error.status === 404 && /no route/.test(error.message);
  return (
    <div className="alert error" data-testid={testId} role="alert">
      {missingRoute ? `This server does not offer this yet (${errorText(error)}).` : errorText(error)}
      {issues.length > 0 && (
        <ul>
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Loading() {
  return <div className="empty">Loading…</div>;
}
