/** One job: status, why it waits or why here, placement, live logs, events, the compiled spec, and Cancel. */
import { useState } from 'react';
import { errorText } from '../../api';
import { ErrorBox, Loading } from '../../components/Alerts';
import { PhaseBadge } from '../../components/PhaseBadge';
import { useSession } from '../../components/session';
import { when } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { EventList } from './EventList';
import { ExplainPanel } from './ExplainPanel';
import { isTerminal, requestText } from './jobSummary';
import { LogView } from './LogView';
import { PlacementTable } from './PlacementTable';

export function JobDetailPage({ id }: { id: string }) {
  const { client, me } = useSession();
  const [polling, setPolling] = useState(true);
  const state = useAsync(
    async () => {
      const [job, events] = await Promise.all([client.job(id), client.events(id)]);
      if (isTerminal(job.status.phase)) setPolling(false);
      return { job, events: events.items };
    },
    [client, id],
    polling ? 2000 : undefined,
  );
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  if (!state.data) {
    return (
      <>
        <div className="page-head">
          <h1 className="mono">{id}</h1>
        </div>
        <ErrorBox error={state.error} />
        {!state.error && <Loading />}
      </>
    );
  }
  const { job, events } = state.data;
  const s = job.status;

  async function cancel() {
    if (!window.confirm(`Cancel job ${job.metadata.name} (${job.id})?`)) return;
    setCancelling(true);
    setCancelError(null);
    try {
      await client.cancel(job.id);
      setPolling(true);
      state.reload();
    } catch (e) {
      setCancelError(errorText(e));
    } finally {
      setCancelling(false);
    }
  }

  return (
    <>
      <div className="page-head">
        <div>
          <div className="sub">
            <a href="#/jobs">Jobs</a> / <span className="mono">{job.id}</span>
          </div>
          <h1 className="row">
            <span data-testid="job-name">{job.metadata.name}</span> <PhaseBadge phase={s.phase} />
          </h1>
        </div>
        <div className="actions">
          {me.role !== 'viewer' && !isTerminal(s.phase) && (
            <button
              type="button"
              className="btn danger"
              onClick={cancel}
              disabled={cancelling}
              data-testid="cancel-job"
            >
              {cancelling ? 'Cancelling…' : 'Cancel job'}
            </button>
          )}
        </div>
      </div>
      {cancelError && <div className="alert error">{cancelError}</div>}
      <ErrorBox error={state.error} />
      <div className="grid two" style={{ marginBottom: 14 }}>
        <div className="panel">
          <h2>Status</h2>
          <dl className="kv" data-testid="job-status">
            <dt>Phase</dt>
            <dd>{s.phase}</dd>
            <dt>Reason</dt>
            <dd data-testid="job-reason">{s.reason ?? '—'}</dd>
            <dt>Message</dt>
            <dd>{s.message ?? '—'}</dd>
            <dt>Queue</dt>
            <dd>
              {job.metadata.tenant}/{job.metadata.queue ?? job.spec.queue} · {job.spec.priority} priority
              {job.metadata.user ? ` · by ${job.metadata.user}` : ''}
            </dd>
            <dt>Requests</dt>
            <dd>{requestText(job)}</dd>
            <dt>Attempt</dt>
            <dd>
              {s.attempt}
              {s.exitCode !== null && ` · exit code ${s.exitCode}`}
            </dd>
            <dt>Created</dt>
            <dd>{when(job.metadata.createdAt)}</dd>
            <dt>Started</dt>
            <dd>{when(s.startedAt)}</dd>
            <dt>Finished</dt>
            <dd>{when(s.finishedAt)}</dd>
            <dt>Command</dt>
            <dd className="mono">
              {job.spec.workload.command.map((c) => (/\s/.test(c) ? JSON.stringify(c) : c)).join(' ')}
            </dd>
          </dl>
        </div>
        <ExplainPanel jobId={job.id} phase={s.phase} />
      </div>
      <div className="stack">
        <LogView jobId={job.id} replicas={job.spec.resources.replicas} phase={s.phase} />
        <div className="panel">
          <h2>Placement</h2>
          <PlacementTable placement={s.placement} tasks={s.tasks} />
        </div>
        <div className="grid two">
          <div className="panel">
            <h2>Events</h2>
            <EventList events={events} />
          </div>
          <div className="panel">
            <h2>Compiled spec</h2>
            <pre className="code">{JSON.stringify(job.spec, null, 2)}</pre>
          </div>
        </div>
      </div>
    </>
  );
}
