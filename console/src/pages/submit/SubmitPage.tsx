/**
 * Submit: a YAML editor validated as you type (issues shown on their lines), Plan to see where the
 * federation would put it, Submit to create the job and open it.
 */
import { useEffect, useRef, useState } from 'react';
import { ErrorBox } from '../../components/Alerts';
import { useSession } from '../../components/session';
import { href, navigate } from '../../lib/router';
import type { Plan } from '../../types';
import { EXAMPLE_SPEC } from './example';
import { PlanTable } from './PlanTable';
import { SpecSummary } from './SpecSummary';
import { issueText, useValidation } from './useValidation';
import { YamlEditor, type YamlEditorHandle } from './YamlEditor';

const DRAFT = 'junction.draft';

export function SubmitPage() {
  const { client, me } = useSession();
  const [text, setText] = useState(() => sessionStorage.getItem(DRAFT) ?? EXAMPLE_SPEC);
  const validation = useValidation(client, text);
  const editor = useRef<YamlEditorHandle>(null);
  const [busy, setBusy] = useState<'submit' | 'plan' | null>(null);
  const [error, setError] = useState<unknown>();
  const [plan, setPlan] = useState<Plan | null>(null);
  const planPanel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (plan) planPanel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [plan]);

  function change(next: string) {
    setText(next);
    sessionStorage.setItem(DRAFT, next);
  }

  async function submit() {
    setBusy('submit');
    setError(undefined);
    try {
      const job = await client.submit(text);
      navigate(href('jobs', job.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function runPlan() {
    setBusy('plan');
    setError(undefined);
    setPlan(null);
    try {
      setPlan(await client.plan(text));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  const lineIssues = validation.issues.flatMap((i) => (i.line ? [{ line: i.line, message: issueText(i) }] : []));
  const canWrite = me.role !== 'viewer';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Submit a job</h1>
          <div className="sub">
            Write the spec in YAML; it is checked as you type. See <code>GET /api/v1/spec/schema</code> for every field.
          </div>
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={() => change(EXAMPLE_SPEC)}>
            Reset example
          </button>
          <button type="button" className="btn" onClick={runPlan} disabled={busy !== null} data-testid="plan-button">
            {busy === 'plan' ? 'Planning…' : 'Plan'}
          </button>
          <button
            type="button"
            className="btn primary"
            onClick={submit}
            disabled={busy !== null || !canWrite || validation.state === 'invalid'}
            title={canWrite ? undefined : 'viewers cannot submit jobs'}
            data-testid="submit-button"
          >
            {busy === 'submit' ? 'Submitting…' : 'Submit'}
          </button>
        </div>
      </div>
      <div className="grid" style={{ gridTemplateColumns: 'minmax(0, 3fr) minmax(260px, 2fr)' }}>
        <YamlEditor ref={editor} value={text} onChange={change} issues={lineIssues} />
        <div className="panel" data-testid="validation">
          <h2>Validation</h2>
          <ValidationState state={validation.state} count={validation.issues.length} />
          {(validation.state === 'valid' || validation.state === 'checking') && validation.spec && (
            <SpecSummary spec={validation.spec} />
          )}
          {validation.message &&
            (validation.state === 'error' || validation.issues.length === 0) &&
            validation.state !== 'valid' && (
              <div className={`alert ${validation.state === 'error' ? 'warn' : 'error'}`} style={{ marginTop: 8 }}>
                {validation.message}
              </div>
            )}
          {validation.issues.length > 0 && (
            <ul className="issues" style={{ marginTop: 8 }} data-testid="spec-issues">
              {validation.issues.map((i) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the line is also reachable in the editor
                <li
                  className="issue-item"
                  key={`${i.path}:${i.message}`}
                  onClick={() => i.line && editor.current?.goToLine(i.line)}
                  data-testid="spec-issue"
                >
                  <span className="line">{i.line ? `L${i.line}` : '—'}</span>
                  <span>
                    <code>{i.path}</code>: {i.message}
                    {i.hint && !i.message.includes(i.hint) && <span className="muted"> ({i.hint})</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <div className="stack" style={{ marginTop: 14 }}>
        <ErrorBox error={error} testId="submit-error" />
        {plan && (
          <div className="panel" ref={planPanel}>
            <h2>Plan: where this job would run</h2>
            <PlanTable plan={plan} />
          </div>
        )}
      </div>
    </>
  );
}

function ValidationState({ state, count }: { state: string; count: number }) {
  switch (state) {
    case 'valid':
      return (
        <span className="badge ok" data-testid="spec-valid">
          ✓ valid
        </span>
      );
    case 'invalid':
      return (
        <span className="badge bad" data-testid="spec-invalid">
          {count} issue{count === 1 ? '' : 's'}
        </span>
      );
    case 'checking':
      return <span className="badge">checking…</span>;
    case 'error':
      return <span className="badge warn">could not check</span>;
    default:
      return <span className="badge">…</span>;
  }
}
