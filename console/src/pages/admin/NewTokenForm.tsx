/** Create an API token; its secret is shown once, with a copy button and a warning. */
import { type FormEvent, useState } from 'react';
import { ErrorBox } from '../../components/Alerts';
import { SelectField, TextField } from '../../components/Fields';
import { useSession } from '../../components/session';
import type { NewToken, Role } from '../../types';

const ROLES: Role[] = ['viewer', 'member', 'provider', 'admin'];

export function NewTokenForm({ onCreated }: { onCreated: () => void }) {
  const { client, me } = useSession();
  const [tenant, setTenant] = useState(me.tenant);
  const [user, setUser] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<NewToken | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>();

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setCopied(false);
    try {
      const expires = days.trim() === '' ? undefined : Number(days);
      const token = await client.createToken({
        tenant: tenant.trim(),
        user: user.trim(),
        role,
        ...(name.trim() && { name: name.trim() }),
        ...(expires !== undefined && { expiresInDays: expires }),
      });
      setCreated(token);
      onCreated();
    } catch (e) {
      setError(e);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      // The Clipboard API needs a secure context (https or localhost): fall back to a selection copy.
      setCopied(copyBySelection(created.token));
    }
  }

  return (
    <form className="panel" onSubmit={create}>
      <h2>Create a token</h2>
      <div className="filters" style={{ margin: 0 }}>
        <TextField
          label="Tenant"
          value={tenant}
          onChange={setTenant}
          required
          style={{ width: 140 }}
          data-testid="token-tenant"
        />
        <TextField
          label="User"
          value={user}
          onChange={setUser}
          required
          placeholder="alice"
          style={{ width: 140 }}
          data-testid="token-user"
        />
        <SelectField
          label="Role"
          value={role}
          options={ROLES}
          onChange={(r) => setRole(r as Role)}
          data-testid="token-role"
        />
        <TextField label="Name" value={name} onChange={setName} placeholder="laptop" style={{ width: 140 }} />
        <TextField
          label="Expires in days"
          type="number"
          min="1"
          value={days}
          onChange={setDays}
          placeholder="never"
          style={{ width: 110 }}
        />
        <button
          type="submit"
          className="btn primary"
          disabled={!user.trim() || !tenant.trim()}
          data-testid="token-create"
        >
          Create token
        </button>
      </div>
      <div style={{ marginTop: 10 }}>
        <ErrorBox error={error} />
      </div>
      {created && (
        <div className="alert warn stack" style={{ gap: 8 }} data-testid="token-secret-box">
          <div>
            <b>Copy this token now: it is shown only once.</b> Token {created.id} for {created.user}@{created.tenant} (
            {created.role}).
          </div>
          <div className="row" style={{ flexWrap: 'nowrap' }}>
            <code className="secret" style={{ flex: 1 }} data-testid="token-secret">
              {created.token}
            </code>
            <button type="button" className="btn" onClick={copy}>
              {copied ? '✓ Copied' : 'Copy'}
            </button>
            <button type="button" className="btn" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
