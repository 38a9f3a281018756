/** `explain`: why a job waits, or where it went, why there, and what the adaptation center knew. */
import type { Plan } from '../federation/types.js';
import type { JobRecord } from '../store/types.js';
import type { Explanation } from './api-types.js';
import type { Controller } from './controller.js';

export function explainJob(controller: Controller, job: JobRecord): Explanation {
  const base = { jobId: job.id, phase: job.phase, placement: job.placement };
  if (job.phase === 'Pending') {
    const wait = controller.waits.get(job.id);
    return {
      ...base,
      summary: wait?.summary ?? job.message ?? 'waiting for the next scheduling cycle',
      details: wait?.details ?? [],
    };
  }
  const placement = job.placement ?? [];
  const details = [
    ...(controller.placements.get(job.id)?.details ??
      placement.map(
        (p) =>
          `replica ${p.replica} → ${p.node}${p.devices.length ? ` devices ${p.devices.map((d) => d.index).join(',')} (${p.model})` : ''}`,
      )),
  ];
  const seen = new Set<string>();
  for (const p of placement) {
    if (!p.model || !p.runtime || seen.has(p.model)) continue;
    seen.add(p.model);
    const r = p.runtime;
    const stack = r.stackVersion === '*' ? r.stack : `${r.stack} ${r.stackVersion}`;
    details.push(
      `adaptation center: ${p.model} runs ${stack}: ${r.verdict} (${r.evidence})${r.image ? `; image ${r.image}` : ''}`,
    );
  }
  const where = [...new Set(placement.map((p) => p.site))].join(', ');
  const summary = job.placement
    ? `${job.phase.toLowerCase()}: placed on site ${where}${job.message ? `; ${job.message}` : ''}`
    : (job.message ?? job.phase);
  return { ...base, summary, details };
}

/** The federation's ranking for the job as things stand now: each candidate and why it won or lost. */
export function planLines(plan: Plan): string[] {
  const lines = [`federation (objective ${plan.objective}), as of now:`];
  for (const c of plan.ranked.slice(0, 12)) {
    const p = c.prediction;
    const at = p
      ? ` start ${new Date(p.start).toISOString()}, ${(p.durationSeconds / 3600).toFixed(1)}h, ${p.cost.toFixed(2)} ${p.currency}`
      : '';
    lines.push(`  ${c.site} ${c.model}:${at} — ${c.reason}`);
  }
  for (const note of plan.notes) lines.push(`  note: ${note}`);
  return lines;
}
