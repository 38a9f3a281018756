/** "Did you mean" suggestions: the closest names by edit distance, case-insensitive. */

/** Edit distance where swapping two neighbouring letters counts as one edit (`hihg` → `high`). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Up to `limit` candidates close to `input`, best first: exact case-insensitive matches,
 * then names within an edit distance of about a third of the input's length, then names
 * that contain the input or are contained in it (`h100` finds `nvidia-h100-sxm`) or share
 * its first four letters (`retry` finds `retries`).
 */
export function closestNames(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const maxDistance = Math.max(1, Math.floor(needle.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const hay = name.toLowerCase();
    const distance = editDistance(needle, hay);
    if (distance <= maxDistance) scored.push({ name, score: distance });
    else if (needle.length >= 2 && (hay.includes(needle) || needle.includes(hay) || commonPrefix(needle, hay) >= 4)) {
      scored.push({ name, score: maxDistance + 1 });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** `did you mean \`a\`?` / `did you mean \`a\` or \`b\`?`, or undefined when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const names = closestNames(input, candidates);
  if (names.length === 0) return undefined;
  return `did you mean ${names.map((n) => `\`${n}\``).join(' or ')}?`;
}
