export type Output = (text: string) => void;

export function printJson(out: Output, value: unknown): void {
  out(`${JSON.stringify(value)}\n`);
}

type Cell =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly string[]
  | Readonly<Record<string, unknown>>;

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) return value.length ? value.join(',') : '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows as aligned columns under a header, or a line saying there are none. */
export function printTable<Row extends Record<string, Cell>>(
  out: Output,
  rows: Row[],
  columns: (keyof Row & string)[],
  nothing: string,
): void {
  if (rows.length === 0) {
    out(`${nothing}\n`);
    return;
  }
  const cells = rows.map((row) => columns.map((column) => cellText(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => (line[index] as string).length)),
  );
  const line = (values: string[]) =>
    `${values
      .map((value, index) => value.padEnd(widths[index] as number))
      .join('  ')
      .trimEnd()}\n`;
  out(line(columns));
  for (const values of cells) out(line(values));
}

/** One object as `field: value` lines. */
export function printRecord(out: Output, record: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(record).map((field) => field.length));
  for (const [field, value] of Object.entries(record)) {
    const text =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? JSON.stringify(value)
        : cellText(value as Cell);
    out(`${`${field}:`.padEnd(width + 2)}${text}\n`);
  }
}

/** A list page: JSON as the API answers it, or a table and the flag that fetches the next page. */
export function printPage<Row extends Record<string, Cell>>(
  out: Output,
  json: boolean | undefined,
  page: { items: Row[]; nextCursor: string | null },
  columns: (keyof Row & string)[],
  nothing: string,
): void {
  if (json) {
    printJson(out, page);
    return;
  }
  printTable(out, page.items, columns, nothing);
  if (page.nextCursor) out(`More: --cursor ${page.nextCursor}\n`);
}
