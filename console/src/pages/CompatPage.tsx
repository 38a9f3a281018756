/** The adaptation center's compatibility matrix: device model × software stack, verdicts per framework and capability. */
import { useMemo, useState } from 'react';
import { ErrorBox, Loading } from '../components/Alerts';
import { DataTable } from '../components/DataTable';
import { SelectField, TextField } from '../components/Fields';
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
              <SelectField
                label="Vendor"
                value={vendor}
                options={[{ value: '', label: 'all' }, ...new Set(state.data.rows.map((r) => r.vendor))]}
                onChange={setVendor}
                data-testid="compat-vendor"
              />
              <TextField
                label="Model contains"
                value={search}
                onChange={setSearch}
                placeholder="e.g. h100"
                data-testid="compat-search"
              />
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
      <DataTable
        testId="compat-matrix"
        scroll="calc(100vh - 250px)"
        columns={['Model', 'Vendor', 'Stack', ...matrix.frameworks, 'Capabilities']}
      >
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
      </DataTable>
      {rows.length === 0 && <div className="empty">No model matches.</div>}
    </div>
  );
}
