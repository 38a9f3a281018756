/** Usage rows (day × tenant) with hours and cost. */
import { money, num } from '../../lib/format';
import type { UsageItem } from '../../types';

export function UsageTable({ items }: { items: UsageItem[] }) {
  if (items.length === 0) return <div className="empty">No usage recorded in this range.</div>;
  const rows = [...items].sort(
    (a, b) => (b.day ?? '').localeCompare(a.day ?? '') || (a.tenant ?? '').localeCompare(b.tenant ?? ''),
  );
  return (
    <div className="table-wrap" style={{ maxHeight: 360 }}>
      <table className="data" data-testid="usage-table">
        <thead>
          <tr>
            <th>Day</th>
            <th>Tenant</th>
            <th className="num">Jobs</th>
            <th className="num">Device-h</th>
            <th className="num">CPU-h</th>
            <th className="num">Memory GiB-h</th>
            <th className="num">Cost</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr key={`${i.day}/${i.tenant}/${i.currency}`}>
              <td className="nowrap">{i.day ?? i.month ?? '—'}</td>
              <td>{i.tenant ?? '—'}</td>
              <td className="num">{i.jobs}</td>
              <td className="num">{num(i.deviceHours, 3)}</td>
              <td className="num">{num(i.cpuHours, 3)}</td>
              <td className="num">{num(i.memoryGiBHours, 3)}</td>
              <td className="num nowrap">
                {money(i.cost)} {i.currency}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
