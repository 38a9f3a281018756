/** The federation's ranking of (site, model) for a spec: predicted start, duration, cost and why. */
import { DataTable } from '../../components/DataTable';
import { duration } from '../../lib/format';
import type { Plan } from '../../types';

export function PlanTable({ plan }: { plan: Plan }) {
  return (
    <div className="stack" data-testid="plan">
      <div className="row small">
        <span className="badge accent">objective: {plan.objective}</span>
        {plan.deadline !== undefined && <span className="badge">deadline {new Date(plan.deadline).toISOString()}</span>}
        {plan.chosen ? (
          <span>
            chosen: <b>{plan.chosen.site}</b> ({plan.chosen.model})
          </span>
        ) : (
          <span className="badge bad">{plan.refusal ?? 'no feasible site'}</span>
        )}
      </div>
      <DataTable
        testId="plan-table"
        scroll
        columns={[
          { label: '#', num: true },
          'Site',
          'Model',
          'Start (UTC)',
          { label: 'Duration', num: true },
          { label: 'Cost', num: true },
          'Why',
        ]}
      >
        {plan.ranked.map((c, i) => {
          const p = c.prediction;
          return (
            <tr key={`${c.site}/${c.model}`} style={c.feasible ? undefined : { color: 'var(--faint)' }}>
              <td className="num">{c.feasible ? i + 1 : '–'}</td>
              <td>
                {c.site}
                {plan.chosen && plan.chosen.site === c.site && plan.chosen.model === c.model && (
                  <span className="badge ok" style={{ marginLeft: 6 }}>
                    chosen
                  </span>
                )}
              </td>
              <td>{c.model}</td>
              <td className="nowrap">{p ? new Date(p.start).toISOString().slice(0, 16).replace('T', ' ') : '—'}</td>
              <td className="num">{p ? duration(p.durationSeconds) : '—'}</td>
              <td className="num nowrap">{p ? `${p.cost.toFixed(2)} ${p.currency}` : '—'}</td>
              <td className="small">{c.reason}</td>
            </tr>
          );
        })}
      </DataTable>
      {plan.notes.length > 0 && (
        <ul className="small muted" style={{ margin: 0, paddingLeft: 18 }}>
          {plan.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
