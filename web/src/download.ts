// Exports: every page of a listing fetched in turn, then saved as CSV or JSON by the browser.
import { get } from './api';

export async function fetchAll<T>(path: string, query: Record<string, string | number | boolean | undefined>, pageSize: number, cap = 100000): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; offset < cap; offset += pageSize) {
    const page = await get<{ items: T[]; total: number }>(path, { ...query, limit: pageSize, offset });
    out.push(...page.items);
    if (page.items.length < pageSize || out.length >= page.total) break;
  }
  return out;
}

function save(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/// RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote mark
/// (OWASP "CSV injection").
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  const cell = (v: string | number | boolean | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function saveCsv(name: string, header: string[], rows: (string | number | boolean | null | undefined)[][]) {
  save(name, 'text/csv', toCsv(header, rows));
}

export function saveJson(name: string, data: unknown) {
  save(name, 'application/json', JSON.stringify(data, null, 2));
}
