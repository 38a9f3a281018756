/** Usage & cost: cost per day per tenant, device-hours per vendor, the usage table, and the month's bill. */
import { useState } from 'react';
import { ErrorBox, Loading } from '../../components/Alerts';
import { TextField } from '../../components/Fields';
import { useSession } from '../../components/session';
import { addDays, daysAgo, today } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { BillPanel } from './BillPanel';
import { CostChart, VendorHoursChart } from './UsageCharts';
import { UsageTable } from './UsageTable';

export function UsagePage() {
  const { client, me } = useSession();
  const [from, setFrom] = useState(daysAgo(13));
  const [to, setTo] = useState(today());
  const state = useAsync(
    async () => {
      // The API's `to` is exclusive; the form's is the last day shown.
      const end = addDays(to, 1);
      const [byTenant, byVendor] = await Promise.all([
        client.usage({ from, to: end, by: 'day,tenant' }),
        client.usage({ from, to: end, by: 'day,vendor' }),
      ]);
      return { byTenant: byTenant.items, byVendor: byVendor.items };
    },
    [client, from, to],
    15000,
  );
  const tenants = [...new Set((state.data?.byTenant ?? []).flatMap((i) => (i.tenant ? [i.tenant] : [])))];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Usage & cost</h1>
          <div className="sub">
            {me.role === 'admin'
              ? 'All tenants.'
              : me.role === 'provider'
                ? `Provider ${me.tenant}: work run on your sites.`
                : `Tenant ${me.tenant}.`}{' '}
            Hours and cost of finished and running work.
          </div>
        </div>
        <div className="actions filters" style={{ margin: 0 }}>
          <TextField
            label="From"
            type="date"
            value={from}
            max={to}
            onChange={(v) => v && setFrom(v)}
            data-testid="usage-from"
          />
          <TextField
            label="To"
            type="date"
            value={to}
            min={from}
            onChange={(v) => v && setTo(v)}
            data-testid="usage-to"
          />
          <button type="button" className="btn" onClick={state.reload}>
            Refresh
          </button>
        </div>
      </div>
      <div className="stack">
        <BillPanel tenants={tenants} />
        <ErrorBox error={state.error} />
        {!state.data ? (
          !state.error && <Loading />
        ) : (
          <>
            <div className="grid two">
              <div className="panel">
                <h2>Cost per day{me.role === 'admin' || me.role === 'provider' ? ', by tenant' : ''}</h2>
                <CostChart items={state.data.byTenant} from={from} to={to} />
              </div>
              <div className="panel">
                <h2>Device-hours per day, by vendor</h2>
                <VendorHoursChart items={state.data.byVendor} from={from} to={to} />
              </div>
            </div>
            <div className="panel flush">
              <h2>Usage by day and tenant</h2>
              <UsageTable items={state.data.byTenant} />
            </div>
          </>
        )}
      </div>
    </>
  );
}
