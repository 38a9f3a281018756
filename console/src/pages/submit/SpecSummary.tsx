/** What a valid spec compiles to, in the words of the job page: name, queue, what it asks for. */
import { cpu, duration, mib } from '../../lib/format';
import type { CompiledJobSpec } from '../../types';
import { specRequestText } from '../jobs/jobSummary';

export function SpecSummary({ spec }: { spec: CompiledJobSpec }) {
  const a = spec.resources.perReplica.accelerators;
  const { runtime, placement } = spec;
  return (
    <dl className="kv" style={{ marginTop: 10 }} data-testid="spec-summary">
      <dt>Name</dt>
      <dd>{spec.name}</dd>
      <dt>Queue</dt>
      <dd>
        {spec.queue} · {spec.priority} priority
      </dd>
      <dt>Asks for</dt>
      <dd>{specRequestText(spec)}</dd>
      <dt>Per replica</dt>
      <dd>
        {cpu(spec.resources.perReplica.cpuMillis)} cpu, {mib(spec.resources.perReplica.memoryMiB)}
        {a.kind !== 'none' && a.minMemoryMiB > 0 && `, devices with ≥ ${mib(a.minMemoryMiB)}`}
        {a.kind !== 'none' && a.models.length > 0 && `, models ${a.models.join(', ')}`}
        {a.kind !== 'none' && a.topology !== 'any' && `, ${a.topology}`}
      </dd>
      <dt>Command</dt>
      <dd className="mono">{spec.workload.command.join(' ')}</dd>
      <dt>Placement</dt>
      <dd>
        objective {placement.objective}
        {placement.sites && placement.sites.length > 0 && ` · sites ${placement.sites.join(', ')}`}
        {placement.deadline && ` · deadline ${placement.deadline}`}
      </dd>
      <dt>Runtime</dt>
      <dd>
        {runtime.maxDurationSeconds ? `at most ${duration(runtime.maxDurationSeconds)}` : 'no time limit'}
        {` · ${runtime.retries} retries`}
        {runtime.preemptible ? ' · preemptible' : ''}
      </dd>
    </dl>
  );
}
