/** A tenant's bill for one month: the total up front, its lines, and a CSV download. */
import { useState } from 'react';
import { errorText } from '../../api';
import { ErrorBox, Loading } from '../../components/Alerts';
import { DataTable } from '../../components/DataTable';
import { SelectField, TextField } from '../../components/Fields';
import { useSession } from '../../components/session';
import { saveResponse } from '../../lib/download';
import { addDays, money, num, thisMonth } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import type { Bill, BillLine } from '../../types';

export function BillPanel({ tenants }: { tenants: string[] }) {
  const { client, me } = useSession();
  const [tenant, setTenant] = useState(me.tenant);
  const [period, setPeriod] = useState(thisMonth());
  // Providers are paid, not billed: they see the payout for their sites.
  const payout = me.role === 'provider';
  const state = useAsync(
    () => (payout ? client.payout(tenant, period) : client.bill(tenant, period)),
    [client, tenant, period, payout],
    5000,
  );
  const [downloadError, setDownloadError] = useState<string | null>(null);

  async function download() {
    setDownloadError(null);
    try {
      const response = payout ? await client.payoutCsv(tenant, period) : await client.billCsv(tenant, period);
      await saveResponse(response, `${payout ? 'payout' : 'bill'}-${tenant}-${period}.csv`);
    } catch (e) {
      setDownloadError(errorText(e));
    }
  }

  const choices = [...new Set([me.tenant, ...tenants])].sort();
  return (
    <div className="panel" data-testid="bill">
      <div className="row" style={{ justifyContent: 'space-between', alignItems: 'flex-end', marginBottom: 10 }}>
        <h2 style={{ margin: 0 }}>{payout ? 'Payout' : 'Bill'}</h2>
        <div className="filters" style={{ margin: 0 }}>
          <SelectField
            label={payout ? 'Provider' : 'Tenant'}
            value={tenant}
            options={choices}
            onChange={setTenant}
            disabled={me.role !== 'admin'}
            data-testid="bill-tenant"
          />
          <TextField
            label="Month"
            type="month"
            value={period}
            onChange={(v) => v && setPeriod(v)}
            data-testid="bill-period"
          />
          <button type="button" className="btn" onClick={download} data-testid="bill-csv">
            ⤓ Download CSV
          </button>
        </div>
      </div>
      {downloadError && <div className="alert error">{downloadError}</div>}
      <ErrorBox error={state.error} />
      {!state.data ? !state.error && <Loading /> : <BillBody bill={state.data} />}
    </div>
  );
}

function BillBody({ bill }: { bill: Bill }) {
  const totals = bill.totals.length > 0 ? bill.totals : [{ currency: '', cost: '0', costMicros: 0 }];
  return (
    <div className="stack">
      <div className="row" style={{ gap: 28, alignItems: 'flex-end' }}>
        <div>
          <div className="muted small">
            Total for {bill.party}, {bill.period.from} – {addDays(bill.period.to, -1)}
          </div>
          <div
            className="big-number"
            data-testid="bill-total"
            data-micros={totals.reduce((s, t) => s + t.costMicros, 0)}
          >
            {totals.map((t) => `${money(t.cost)} ${t.currency}`.trim()).join(' + ')}
          </div>
        </div>
        <div className="muted small">
          {bill.lines.length} line{bill.lines.length === 1 ? '' : 's'} · {bill.usageRecords} usage record
          {bill.usageRecords === 1 ? '' : 's'}
        </div>
      </div>
      {bill.lines.length > 0 && <BillLines lines={bill.lines} />}
    </div>
  );
}

function unitPrices(line: BillLine): string {
  const parts: string[] = [];
  const device = Number(line.perDeviceHour);
  const cpu = Number(line.perCpuHour);
  const memory = Number(line.perMemoryGiBHour);
  if (device) parts.push(`${num(device, 4)}/device-h`);
  if (cpu) parts.push(`${num(cpu, 4)}/core-h`);
  if (memory) parts.push(`${num(memory, 4)}/GiB-h`);
  return parts.join(', ');
}

/** Hours come as decimal strings (6 places). */
function hours(value: string): string {
  return num(Number(value), 4);
}

function BillLines({ lines }: { lines: BillLine[] }) {
  return (
    <DataTable
      testId="bill-lines"
      scroll={320}
      columns={[
        'Site',
        'Device',
        'Queue',
        'Price',
        { label: 'Device-h', num: true },
        { label: 'CPU-h', num: true },
        { label: 'Memory GiB-h', num: true },
        'Unit prices',
        { label: 'Cost', num: true },
      ]}
    >
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id
        <tr key={i}>
          <td>{l.site}</td>
          <td>{l.model ? `${l.vendor}/${l.model}` : (l.vendor ?? 'cpu')}</td>
          <td>{l.queue}</td>
          <td>{l.priceKind}</td>
          <td className="num">{hours(l.deviceHours)}</td>
          <td className="num">{hours(l.cpuHours)}</td>
          <td className="num">{hours(l.memoryGiBHours)}</td>
          <td className="small muted">{unitPrices(l)}</td>
          <td className="num nowrap">
            {money(l.cost)} {l.currency}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
