/** Usage rows (day × tenant) with hours and cost. */
import { DataTable } from '../../components/DataTable';
import { money, num } from '../../lib/format';
import type { UsageItem } from '../../types';

export function UsageTable({ items }: { items: UsageItem[] }) {
  if (items.length === 0) return <div className="empty">No usage recorded in this range.</div>;
  const rows = [...items].sort(
    (a, b) => (b.day ?? '').localeCompare(a.day ?? '') || (a.tenant ?? '').localeCompare(b.tenant ?? ''),
  );
  return (
    <DataTable
      testId="usage-table"
      scroll={360}
      columns={[
        'Day',
        'Tenant',
        { label: 'Jobs', num: true },
        { label: 'Device-h', num: true },
        { label: 'CPU-h', num: true },
        { label: 'Memory GiB-h', num: true },
        { label: 'Cost', num: true },
      ]}
    >
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
    </DataTable>
  );
}
