/** A job phase as a coloured badge. */
const TONE: Record<string, string> = {
  Pending: 'warn',
  Running: 'info',
  Succeeded: 'ok',
  Failed: 'bad',
  Cancelled: '',
};

export function PhaseBadge({ phase }: { phase: string }) {
  return (
    <span className={`badge ${TONE[phase] ?? ''}`} data-testid="phase" data-phase={phase}>
      {phase}
    </span>
  );
}
