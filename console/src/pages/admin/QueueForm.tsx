/** Create or change one queue of a tenant: weight, quota (guaranteed) and limit (borrowable up to). */
import { type FormEvent, useState } from 'react';
import { ErrorBox } from '../../components/Alerts';
import { TextField } from '../../components/Fields';
import { useSession } from '../../components/session';
import { draftOf, type ResourcesDraft, resourcesOf } from '../../lib/resources';
import type { QueueConfig } from '../../types';

export function QueueForm({
  tenant,
  queue,
  onSaved,
}: {
  tenant: string;
  queue: QueueConfig | null;
  onSaved: () => void;
}) {
  const { client } = useSession();
  const [name, setName] = useState(queue?.name ?? '');
  const [weight, setWeight] = useState(String(queue?.weight ?? 1));
  const [quota, setQuota] = useState<ResourcesDraft>(draftOf(queue?.quota));
  const [limit, setLimit] = useState<ResourcesDraft>(draftOf(queue?.limit));
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      const w = Number(weight);
      if (!Number.isFinite(w) || w <= 0) throw new Error(`weight "${weight}" must be a positive number`);
      const limitValue = resourcesOf(limit);
      await client.putQueue(tenant, name.trim(), {
        weight: w,
        quota: resourcesOf(quota),
        ...(Object.keys(limitValue).length > 0 && { limit: limitValue }),
      });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form className="panel" onSubmit={save} data-testid="queue-form">
      <h2>
        {queue ? `Queue ${queue.name}` : 'New queue'} in {tenant}
      </h2>
      <div className="filters">
        <TextField label="Name" value={name} onChange={setName} disabled={queue !== null} required />
        <TextField
          label="Weight (fair share)"
          type="number"
          min="0"
          step="any"
          value={weight}
          onChange={setWeight}
          style={{ width: 110 }}
        />
      </div>
      <ResourceFields title="Quota (guaranteed)" value={quota} onChange={setQuota} />
      <ResourceFields title="Limit (may borrow up to; empty = no limit)" value={limit} onChange={setLimit} />
      <div className="row">
        <button type="submit" className="btn primary" disabled={!name.trim()}>
          Save queue
        </button>
        {saved && <span className="badge ok">saved</span>}
      </div>
      <div style={{ marginTop: 8 }}>
        <ErrorBox error={error} />
      </div>
    </form>
  );
}

function ResourceFields({
  title,
  value,
  onChange,
}: {
  title: string;
  value: ResourcesDraft;
  onChange: (v: ResourcesDraft) => void;
}) {
  return (
    <fieldset style={{ border: 'none', padding: 0, margin: '0 0 10px' }}>
      <h3>{title}</h3>
      <div className="filters" style={{ margin: 0 }}>
        <label className="field" style={{ flex: 1, minWidth: 260 }}>
          Devices (vendor or model = count)
          <input
            type="text"
            value={value.devices}
            onChange={(e) => onChange({ ...value, devices: e.target.value })}
            placeholder="nvidia=8, hygon-dcu-k100_ai=4"
          />
        </label>
        <TextField
          label="CPU cores"
          type="number"
          min="0"
          step="any"
          value={value.cpu}
          onChange={(cpu) => onChange({ ...value, cpu })}
          style={{ width: 110 }}
        />
        <TextField
          label="Memory GiB"
          type="number"
          min="0"
          step="any"
          value={value.memoryGiB}
          onChange={(memoryGiB) => onChange({ ...value, memoryGiB })}
          style={{ width: 110 }}
        />
      </div>
    </fieldset>
  );
}
