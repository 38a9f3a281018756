/** A job's events in order. */
import { when } from '../../lib/format';
import type { EventView } from '../../types';

export function EventList({ events }: { events: EventView[] }) {
  if (events.length === 0) return <div className="empty">No events yet.</div>;
  return (
    <ol className="events" data-testid="job-events">
      {events.map((e) => (
        <li key={e.seq}>
          <span className="mono faint">{when(e.at)}</span>
          <span className="badge">{e.type}</span>
          <span>{e.message}</span>
        </li>
      ))}
    </ol>
  );
}
