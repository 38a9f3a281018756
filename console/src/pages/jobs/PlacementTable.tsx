/** Where each replica went: site, node, model, devices (whole or share) and the runtime chosen. */
import { DataTable } from '../../components/DataTable';
import { cpu, mib } from '../../lib/format';
import type { ReplicaPlacement, TaskView } from '../../types';

export function PlacementTable({ placement, tasks }: { placement: ReplicaPlacement[] | null; tasks: TaskView[] }) {
  if (!placement || placement.length === 0) return <div className="empty">Not placed yet.</div>;
  return (
    <DataTable testId="placement" scroll columns={['Replica', 'Site', 'Node', 'Device', 'Holds', 'Runtime', 'Task']}>
      {placement.map((p) => {
        const task = [...tasks].reverse().find((t) => t.replica === p.replica);
        return (
          <tr key={p.replica}>
            <td>{p.replica}</td>
            <td>{p.site}</td>
            <td className="mono">{p.node}</td>
            <td>{p.model ? `${p.vendor}/${p.model}` : 'cpu'}</td>
            <td className="small">
              {cpu(p.cpuMillis)} cpu, {mib(p.memoryMiB)}
              {p.devices.length > 0 &&
                `; ${p.devices
                  .map((d) => (d.whole ? `#${d.index}` : `#${d.index} (${mib(d.memoryMiB)}, ${d.computePercent}%)`))
                  .join(' ')}`}
            </td>
            <td className="small">
              {p.runtime
                ? `${p.runtime.stack} ${p.runtime.stackVersion === '*' ? '' : p.runtime.stackVersion} · ${p.runtime.verdict}`
                : '—'}
            </td>
            <td className="small">
              {task ? `${task.state}${task.exitCode !== null ? ` (exit ${task.exitCode})` : ''}` : '—'}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
