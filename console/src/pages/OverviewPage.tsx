/** Overview: headline numbers, the sites as cards, and allocated vs free devices per model. */
import { useMemo } from 'react';
import { ErrorBox, Loading } from '../components/Alerts';
import { Chart, type ChartOption } from '../components/Chart';
import { DataTable } from '../components/DataTable';
import { useSession } from '../components/session';
import { allocationByModel, type ModelAllocation } from '../lib/allocation';
import { num } from '../lib/format';
import { useAsync } from '../lib/useAsync';
import type { NodeView, SiteView } from '../types';

export function OverviewPage() {
  const { client } = useSession();
  const state = useAsync(
    async () => {
      // Queues need jobs:read, which providers do not have: their overview goes without job counts.
      const [sites, nodes, queues] = await Promise.all([
        client.sites(),
        client.nodes(),
        client.queues().catch(() => null),
      ]);
      return { sites: sites.items, nodes: nodes.items, queues: queues?.items ?? null };
    },
    [client],
    5000,
  );
  const data = state.data;
  const models = useMemo(() => (data ? allocationByModel(data.nodes, false) : []), [data]);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Overview</h1>
          <div className="sub">Sites, devices and work across the federation. Refreshes every 5 s.</div>
        </div>
      </div>
      <ErrorBox error={state.error} />
      {!data ? (
        !state.error && <Loading />
      ) : (
        <div className="stack">
          <Stats data={data} models={models} />
          <div className="grid cards" data-testid="site-cards">
            {data.sites.map((s) => (
              <SiteCard key={s.name} site={s} nodes={data.nodes.filter((n) => n.site === s.name)} />
            ))}
          </div>
          <div className="panel">
            <h2>Devices by model: allocated vs free (device-equivalents)</h2>
            {models.length === 0 ? (
              <div className="empty">No accelerators in this federation.</div>
            ) : (
              <div
                className="grid"
                style={{ gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', alignItems: 'start' }}
              >
                <AllocationChart models={models} />
                <DeviceTable models={allocationByModel(data.nodes, true)} />
              </div>
            )}
          </div>
        </div>
      )}
    </>
  );
}

function Stats({
  data,
  models,
}: {
  data: { sites: SiteView[]; nodes: NodeView[]; queues: { pending: number; running: number }[] | null };
  models: ModelAllocation[];
}) {
  const devices = models.reduce((s, m) => s + m.devices, 0);
  const allocated = models.reduce((s, m) => s + m.allocated, 0);
  const pending = data.queues ? data.queues.reduce((s, q) => s + q.pending, 0) : '—';
  const running = data.queues ? data.queues.reduce((s, q) => s + q.running, 0) : '—';
  const items = [
    ['Sites', data.sites.length, 'stat-sites'],
    ['Nodes', data.nodes.length, 'stat-nodes'],
    ['Accelerators', devices, 'stat-devices'],
    ['Allocated', num(allocated, 1), 'stat-allocated'],
    ['Jobs pending', pending, 'stat-pending'],
    ['Jobs running', running, 'stat-running'],
  ] as const;
  return (
    <div className="grid stats">
      {items.map(([label, value, id]) => (
        <div className="stat" key={id}>
          <div className="label">{label}</div>
          <div className="value" data-testid={id}>
            {value}
          </div>
        </div>
      ))}
    </div>
  );
}

function SiteCard({ site, nodes }: { site: SiteView; nodes: NodeView[] }) {
  const models = allocationByModel(nodes, false);
  const cpu = nodes.reduce((s, n) => s + n.cpuMillis, 0);
  const cpuUsed = nodes.reduce((s, n) => s + n.allocatedCpuMillis, 0);
  return (
    <div className="site-card" data-testid={`site-${site.name}`}>
      <div className="name">
        {site.name}
        {site.emulated && <span className="badge info">emulated</span>}
      </div>
      <div className="meta">
        {site.backend} · {site.region} · {site.nodes} node{site.nodes === 1 ? '' : 's'}
        {site.provider ? ` · ${site.provider}` : ''}
      </div>
      {site.description && (
        <div className="small muted" style={{ marginBottom: 8 }}>
          {site.description}
        </div>
      )}
      <div className="models">
        {models.length === 0 && <Meter label="CPU only" used={cpuUsed / 1000} total={cpu / 1000} unit="cores" />}
        {models.map((m) => (
          <Meter key={m.model} label={`${m.devices}× ${m.model}`} used={m.allocated} total={m.devices} unit="" />
        ))}
        {site.prices && site.prices.length > 0 && (
          <div className="small muted" data-testid={`site-prices-${site.name}`}>
            {site.prices
              .map(
                (p) =>
                  `${p.model}: ${p.perHour.toFixed(2)}${p.spotPerHour !== undefined ? ` (spot ${p.spotPerHour.toFixed(2)})` : ''} ${p.currency}/device-h`,
              )
              .join(' · ')}
          </div>
        )}
      </div>
    </div>
  );
}

function Meter({ label, used, total, unit }: { label: string; used: number; total: number; unit: string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return (
    <div>
      <div className="row small" style={{ justifyContent: 'space-between' }}>
        <span>{label}</span>
        <span className="muted">
          {num(used, 1)}/{num(total, 1)} {unit}
        </span>
      </div>
      <div className="meter">
        <div style={{ width: `${pct}%`, background: pct > 85 ? 'var(--bad)' : undefined }} />
      </div>
    </div>
  );
}

function AllocationChart({ models }: { models: ModelAllocation[] }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: models.map((m) => m.model),
        axisLabel: { interval: 0, rotate: models.length > 4 ? 20 : 0 },
      },
      yAxis: { type: 'value', name: 'devices', minInterval: 1 },
      series: [
        {
          name: 'allocated',
          type: 'bar',
          stack: 'd',
          barMaxWidth: 64,
          data: models.map((m) => +m.allocated.toFixed(2)),
          itemStyle: { color: '#2f5bea' },
        },
        {
          name: 'free',
          type: 'bar',
          stack: 'd',
          data: models.map((m) => +(m.devices - m.allocated).toFixed(2)),
          itemStyle: { color: '#c9d4f2' },
        },
      ],
    }),
    [models],
  );
  return <Chart option={option} height={260} testId="allocation-chart" />;
}

function DeviceTable({ models }: { models: ModelAllocation[] }) {
  return (
    <DataTable
      testId="device-table"
      columns={[
        'Site',
        'Vendor',
        'Model',
        { label: 'Devices', num: true },
        { label: 'Allocated', num: true },
        { label: 'Free', num: true },
      ]}
    >
      {models.map((m) => (
        <tr key={`${m.site}/${m.model}`}>
          <td className="nowrap">{m.site}</td>
          <td>{m.vendor}</td>
          <td className="mono small nowrap">{m.model}</td>
          <td className="num">
            {m.devices}
            {m.unhealthy > 0 && <span className="badge bad"> {m.unhealthy} unhealthy</span>}
          </td>
          <td className="num">{num(m.allocated, 2)}</td>
          <td className="num">{num(m.devices - m.allocated, 2)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
