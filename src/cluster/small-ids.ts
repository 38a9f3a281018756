/** A small number for a string: its index in `ids` (the next one for a string not seen before). */
export function smallId(ids: Map<string, number>, key: string): number {
  let id = ids.get(key);
  if (id === undefined) {
    id = ids.size;
    ids.set(key, id);
  }
  return id;
}
