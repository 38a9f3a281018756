/** The adaptation center's compatibility matrix: device model × software stack, verdicts per framework and capability. */
import { useMemo, useState } from 'react';
import { ErrorBox, Loading } from '../components/Alerts';
import { useSession } from '../components/session';
import { type Mark, type Matrix, readMatrix, VERDICTS } from '../lib/compatMatrix';
import { useAsync } from '../lib/useAsync';

export function CompatPage() {
  const { client } = useSession();
  const state = useAsync(async () => readMatrix(await client.compatMatrix()), [client]);
  const [vendor, setVendor] = useState('');
  const [search, setSearch] = useState('');

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Compatibility matrix</h1>
          <div className="sub">
            What the adaptation center knows: each device model and software stack, with verdicts per framework version
            and capability.
          </div>
        </div>
      </div>
      <ErrorBox error={state.error} />
      {!state.data ? (
        !state.error && <Loading />
      ) : (
        <div className="stack">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <div className="filters" style={{ margin: 0 }}>
              <label className="field">
                Vendor
                <select value={vendor} onChange={(e) => setVendor(e.target.value)} data-testid="compat-vendor">
                  <option value="">all</option>
                  {[...new Set(state.data.rows.map((r) => r.vendor))].map((v) => (
                    <option key={v}>{v}</option>
                  ))}
                </select>
              </label>
              <label className="field">
                Model contains
                <input
                  type="text"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                  placeholder="e.g. h100"
                  data-testid="compat-search"
                />
              </label>
            </div>
            <Legend />
          </div>
          <MatrixTable matrix={state.data} vendor={vendor} search={search.trim().toLowerCase()} />
        </div>
      )}
    </>
  );
}

function Legend() {
  return (
    <div className="legend" data-testid="compat-legend">
      {VERDICTS.map((v) => (
        <span key={v.cls} className="row" style={{ gap: 4 }}>
          <span className={`verdict ${v.cls}`}>{v.symbol}</span> {v.label}
        </span>
      ))}
    </div>
  );
}

function Marks({ marks }: { marks: Mark[] }) {
  if (marks.length === 0) return <span className="faint">—</span>;
  return (
    <>
      {marks.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: marks are positional
        <span key={i} className={`verdict ${m.verdict}`} title={m.verdict}>
          {m.label && m.label !== '*' ? `${m.label} ` : m.label === '*' ? 'any ' : ''}
          {VERDICTS.find((v) => v.cls === m.verdict)?.symbol}
        </span>
      ))}
    </>
  );
}

function MatrixTable({ matrix, vendor, search }: { matrix: Matrix; vendor: string; search: string }) {
  const rows = useMemo(
    () =>
      matrix.rows.filter(
        (r) => (!vendor || r.vendor === vendor) && (!search || r.model.toLowerCase().includes(search)),
      ),
    [matrix, vendor, search],
  );
  return (
    <div className="panel flush">
      <div className="table-wrap" style={{ maxHeight: 'calc(100vh - 250px)' }}>
        <table className="data" data-testid="compat-matrix">
          <thead>
            <tr>
              <th>Model</th>
              <th>Vendor</th>
              <th>Stack</th>
              {matrix.frameworks.map((f) => (
                <th key={f}>{f}</th>
              ))}
              <th>Capabilities</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.model}/${r.stack}`} data-testid="compat-row" data-model={r.model}>
                <td className="mono nowrap">{r.model}</td>
                <td>{r.vendor}</td>
                <td className="nowrap">{r.stack}</td>
                {matrix.frameworks.map((f) => (
                  <td key={f}>
                    <Marks marks={r.frameworks[f] ?? []} />
                  </td>
                ))}
                <td>
                  <Marks marks={r.capabilities} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <div className="empty">No model matches.</div>}
      </div>
    </div>
  );
}
