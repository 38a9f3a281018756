/** Jobs: newest first, filtered by phase, queue and name, refreshing every few seconds; a row opens the job. */
import { useEffect, useState } from 'react';
import { ErrorBox, Loading } from '../../components/Alerts';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/Fields';
import { PhaseBadge } from '../../components/PhaseBadge';
import { useSession } from '../../components/session';
import { ago } from '../../lib/format';
import { href, navigate } from '../../lib/router';
import { useAsync } from '../../lib/useAsync';
import { JOB_PHASES, type JobView } from '../../types';
import { deviceText, whereText } from './jobSummary';

const PAGE = 50;
const PHASE_OPTIONS = [{ value: '', label: 'any' }, { value: 'Pending,Running', label: 'active' }, ...JOB_PHASES];

export function JobsPage() {
  const { client, me } = useSession();
  const admin = me.role === 'admin';
  const [phase, setPhase] = useState('');
  const [tenant, setTenant] = useState('');
  const [queue, setQueue] = useState('');
  const [name, setName] = useState('');
  const [filters, setFilters] = useState({ phase: '', queue: '', name: '', tenant: '' });
  const [auto, setAuto] = useState(true);
  const [limit, setLimit] = useState(PAGE);

  // Text filters apply after a short pause in typing.
  useEffect(() => {
    const timer = window.setTimeout(
      () => setFilters({ phase, queue: queue.trim(), name: name.trim(), tenant: tenant.trim() }),
      300,
    );
    return () => window.clearTimeout(timer);
  }, [phase, queue, name, tenant]);

  const state = useAsync(
    () => client.jobs({ ...filters, limit }),
    [client, filters.phase, filters.queue, filters.name, filters.tenant, limit],
    auto ? 3000 : undefined,
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Jobs</h1>
          <div className="sub">Newest first.</div>
        </div>
        <div className="actions">
          <label className="check">
            <input
              type="checkbox"
              checked={auto}
              onChange={(e) => setAuto(e.target.checked)}
              data-testid="auto-refresh"
            />
            Auto-refresh
          </label>
          <button type="button" className="btn" onClick={state.reload}>
            Refresh
          </button>
          <a className="btn primary" href="#/submit">
            + Submit
          </a>
        </div>
      </div>
      <div className="filters">
        <SelectField
          label="Phase"
          value={phase}
          options={PHASE_OPTIONS}
          onChange={setPhase}
          data-testid="filter-phase"
        />
        {admin && (
          <TextField
            label="Tenant"
            value={tenant}
            onChange={setTenant}
            placeholder="every tenant"
            data-testid="filter-tenant"
          />
        )}
        <TextField label="Queue" value={queue} onChange={setQueue} placeholder="any" data-testid="filter-queue" />
        <TextField label="Name contains" value={name} onChange={setName} placeholder="any" data-testid="filter-name" />
      </div>
      <ErrorBox error={state.error} />
      {!state.data ? (
        !state.error && <Loading />
      ) : (
        <div className="panel flush">
          <JobTable jobs={state.data.items} showTenant={admin} />
          {state.data.nextCursor && (
            <div className="row" style={{ padding: 10, justifyContent: 'center' }}>
              <button type="button" className="btn" onClick={() => setLimit((l) => Math.min(500, l + PAGE))}>
                Show more
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}

function JobTable({ jobs, showTenant }: { jobs: JobView[]; showTenant: boolean }) {
  if (jobs.length === 0) return <div className="empty">No jobs match. Submit one from the Submit page.</div>;
  return (
    <DataTable
      testId="jobs-table"
      scroll
      columns={[
        'ID',
        'Name',
        showTenant && 'Tenant',
        'Queue',
        'User',
        'Phase',
        'Devices',
        'Where',
        { label: 'Age', num: true },
        'Reason',
      ]}
    >
      {jobs.map((j) => (
        <tr
          key={j.id}
          className="clickable"
          onClick={() => navigate(href('jobs', j.id))}
          data-testid={`job-row-${j.id}`}
        >
          <td className="mono nowrap">
            <a href={href('jobs', j.id)}>{j.id}</a>
          </td>
          <td>{j.metadata.name}</td>
          {showTenant && <td>{j.metadata.tenant}</td>}
          <td>{j.metadata.queue}</td>
          <td className="small">{j.metadata.user || '—'}</td>
          <td>
            <PhaseBadge phase={j.status.phase} />
          </td>
          <td className="small">{deviceText(j)}</td>
          <td className="small mono">{whereText(j)}</td>
          <td className="num">{ago(j.metadata.createdAt)}</td>
          <td className="small muted">{j.status.reason ?? ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}
