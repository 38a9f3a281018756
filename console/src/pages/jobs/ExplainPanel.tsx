/** Why the job waits, or why it went where it went (GET /jobs/:id/explain). */
import { ErrorBox } from '../../components/Alerts';
import { useSession } from '../../components/session';
import { useAsync } from '../../lib/useAsync';

export function ExplainPanel({ jobId, phase }: { jobId: string; phase: string }) {
  const { client } = useSession();
  const state = useAsync(() => client.explain(jobId), [client, jobId, phase], phase === 'Pending' ? 3000 : undefined);
  const details = state.data?.details ?? [];
  return (
    <div className="panel" data-testid="explain">
      <h2>{phase === 'Pending' ? 'Why it waits' : 'Why here'}</h2>
      <ErrorBox error={state.error} />
      {state.data && (
        <>
          <div style={{ fontWeight: 550 }} data-testid="explain-summary">
            {state.data.summary}
          </div>
          {details.length > 0 && (
            <pre className="code" style={{ marginTop: 8, whiteSpace: 'pre-wrap', maxHeight: 240 }}>
              {details.join('\n')}
            </pre>
          )}
        </>
      )}
    </div>
  );
}
