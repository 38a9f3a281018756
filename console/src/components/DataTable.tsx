/** The console's data table: a header row from a list of columns, the caller's rows as the body. */
import type { ReactNode } from 'react';

/** A column heading, or `{ label, num: true }` for a right-aligned number; `false` leaves the column out. */
export type Column = string | { label: string; num: true } | false;

export function DataTable({
  columns,
  testId,
  scroll,
  children,
}: {
  columns: readonly Column[];
  testId: string;
  /** Scroll inside a box (`true`: the default height; a number or CSS length: that height). */
  scroll?: true | number | string;
  children: ReactNode;
}) {
  const table = (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) =>
            c === false ? null : typeof c === 'string' ? (
              <th key={c}>{c}</th>
            ) : (
              <th key={c.label} className="num">
                {c.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (scroll === undefined) return table;
  return (
    <div className="table-wrap" style={scroll === true ? undefined : { maxHeight: scroll }}>
      {table}
    </div>
  );
}
