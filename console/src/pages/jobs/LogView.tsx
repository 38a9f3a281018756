/**
 * A replica's output, streamed: GET /jobs/:id/logs?follow=true is read chunk by chunk with a
 * ReadableStream reader and appended; the stream ends when the job ends.
 */
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api';
import { useSession } from '../../components/session';

const MAX_CHARS = 2_000_000;

export function LogView({ jobId, replicas, phase }: { jobId: string; replicas: number; phase: string }) {
  const { client } = useSession();
  const [replica, setReplica] = useState(0);
  const [text, setText] = useState('');
  const [state, setState] = useState<'connecting' | 'streaming' | 'ended' | 'error'>('connecting');
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const pre = useRef<HTMLPreElement>(null);
  const stick = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation restarts the stream on request
  useEffect(() => {
    const abort = new AbortController();
    setText('');
    setError(null);
    setState('connecting');
    (async () => {
      try {
        const response = await client.logs(jobId, replica, true, abort.signal);
        if (!response.body) {
          setText(await response.text());
          setState('ended');
          return;
        }
        setState('streaming');
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value) setText((t) => (t.length + value.length > MAX_CHARS ? (t + value).slice(-MAX_CHARS) : t + value));
        }
        setState('ended');
      } catch (e) {
        if (abort.signal.aborted) return;
        setError(errorText(e));
        setState('error');
      }
    })();
    return () => abort.abort();
  }, [client, jobId, replica, generation]);

  // Keep the view at the bottom while new output arrives, unless the reader scrolled up.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each new chunk
  useEffect(() => {
    const el = pre.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [text]);

  return (
    <div className="panel">
      <div className="row" style={{ marginBottom: 8 }}>
        <h2 style={{ margin: 0 }}>Logs</h2>
        {replicas > 1 && (
          <label className="row small">
            replica
            <select value={replica} onChange={(e) => setReplica(Number(e.target.value))} data-testid="log-replica">
              {Array.from({ length: replicas }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: replicas are numbered
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          </label>
        )}
        <span
          className={`badge ${state === 'streaming' ? 'info' : state === 'error' ? 'bad' : ''}`}
          data-testid="log-state"
        >
          {state === 'connecting'
            ? phase === 'Pending'
              ? 'waiting for the job to start…'
              : 'connecting…'
            : state === 'streaming'
              ? '● live'
              : state === 'ended'
                ? 'ended'
                : 'error'}
        </span>
        <span className="spacer" style={{ flex: 1 }} />
        <button type="button" className="btn small" onClick={() => setGeneration((g) => g + 1)}>
          Reload
        </button>
      </div>
      {error && <div className="alert error">{error}</div>}
      <pre
        className="log"
        ref={pre}
        data-testid="job-logs"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {text || (state === 'ended' ? '(no output)' : state === 'error' ? '' : '(waiting for output…)')}
      </pre>
    </div>
  );
}
