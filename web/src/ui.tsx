// The parts every page shares: loading, empty and error states, pagers, sortable headers, tabs,
// severity badges and the page title.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { count } from './format';
import { setQuery } from './router';

export interface Async<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/// Runs `load` whenever `deps` change; an answer that arrives after a newer request is dropped.
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ data: s.data, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const e = error instanceof ApiError ? error : new ApiError(0, String(error));
        setState({ error: e, loading: false });
      },
    );
    return () => controller.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · kaiyuan` : 'kaiyuan';
  }, [title]);
}

export function Loading({ what }: { what?: string }) {
  return (
    <p class="state loading" role="status" aria-live="polite">
      Loading{what ? ` ${what}` : ''}…
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div class="state error" role="alert">
      <strong>{error.status === 403 ? 'Not allowed' : error.status === 404 ? 'Not found' : 'Something went wrong'}</strong>
      <span> {error.message}</span>
      {retry && (
        <button type="button" class="link" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty">{children}</p>;
}

/// Loading, error or the content, for one async value.
export function Show<T>({ value, what, children }: { value: Async<T>; what?: string; children: (data: T) => ComponentChildren }) {
  if (value.error) return <ErrorBox error={value.error} retry={value.reload} />;
  if (value.data === undefined) return <Loading what={what} />;
  // While a new answer loads, the old one stays on screen, marked busy (for screen readers, and
  // for the browser tests, which wait for it to clear).
  return <div aria-busy={value.loading ? 'true' : undefined}>{children(value.data)}</div>;
}

export function Pager({ total, offset, limit, param = 'page' }: { total: number; offset: number; limit: number; param?: string }) {
  if (total <= limit) return total > 0 ? <p class="pager-info">{count(total)} in all</p> : null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => setQuery({ [param]: page - 1 <= 1 ? null : page - 1 })}>
        ‹ Previous
      </button>
      <span>
        Page {count(page)} of {count(pages)} ({count(total)} in all)
      </span>
      <button type="button" disabled={page >= pages} onClick={() => setQuery({ [param]: page + 1 })}>
        Next ›
      </button>
    </nav>
  );
}

/// The page number in the URL (1-based) as an offset.
export function pageOffset(query: URLSearchParams, limit: number, param = 'page'): number {
  const n = Number.parseInt(query.get(param) ?? '1', 10);
  return (Number.isFinite(n) && n > 1 ? n - 1 : 0) * limit;
}

export function SortHeader({ label, field, sort }: { label: string; field: string; sort: string }) {
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const next = active && !descending ? `-${field}` : field;
  return (
    <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setQuery({ sort: next, page: null })}>
        {label}
        <span aria-hidden="true">{active ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );
}

export function Severity({ value }: { value: string | null | undefined }) {
  const v = (value || 'unknown').toLowerCase();
  return <span class={`sev sev-${v}`}>{v}</span>;
}

export function Tabs({ tabs, active }: { tabs: [string, string][]; active: string }) {
  return (
    <nav class="tabs" aria-label="Sections">
      {tabs.map(([id, label]) => (
        <a
          key={id}
          href={`?tab=${id}`}
          aria-current={id === active ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            setQuery({ tab: id, page: null, sort: null, q: null, to: null, focus: null });
          }}
        >
          {label}
        </a>
      ))}
    </nav>
  );
}

/// A search box that puts its value in the URL when submitted.
export function SearchForm({
  label,
  name,
  value,
  placeholder,
  extra,
}: {
  label: string;
  name: string;
  value: string;
  placeholder?: string;
  extra?: ComponentChildren;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current && input.current.value !== value) input.current.value = value;
  }, [value]);
  return (
    <form
      class="search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        setQuery({ [name]: input.current?.value.trim() ?? '', page: null });
      }}
    >
      <label>
        <span class="label">{label}</span>
        <input ref={input} type="search" name={name} defaultValue={value} placeholder={placeholder} />
      </label>
      {extra}
      <button type="submit">Search</button>
    </form>
  );
}

export function Stat({ label, value, tone }: { label: string; value: number | string; tone?: string }) {
  return (
    <div class={`stat ${tone ?? ''}`}>
      <span class="stat-value">{typeof value === 'number' ? count(value) : value}</span>
      <span class="stat-label">{label}</span>
    </div>
  );
}

/// Horizontal bars for a few labelled counts (severities, states, license categories).
export function Bars({ items, label }: { items: [string, number, string?][]; label: string }) {
  const max = Math.max(1, ...items.map(([, n]) => n));
  return (
    <table class="bars" aria-label={label}>
      <tbody>
        {items.map(([name, n, tone]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              <div class="bar-track" aria-hidden="true">
                <div class={`bar ${tone ?? ''}`} style={{ width: `${(100 * n) / max}%` }} />
              </div>
            </td>
            <td class="num">{count(n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface Column<T> {
  label: string;
  /// The field the server sorts by; the header then sorts (with `sort` given to Table).
  sort?: string;
  num?: boolean;
  className?: string;
  cell: (row: T) => ComponentChildren;
}

/// A table of rows, one column per Column; `after` adds a row below a row (a detail panel).
export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  sort,
  rowClass,
  after,
}: {
  caption?: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: string;
  rowClass?: (row: T) => string | undefined;
  after?: (row: T) => ComponentChildren;
}) {
  // On a phone each row becomes a card of "label: value" lines (styles.css, .stack).
  return (
    <div class="table-wrap stack">
      <table>
        {caption && <caption class="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) =>
              c.sort && sort !== undefined ? (
                <SortHeader key={c.label} label={c.label} field={c.sort} sort={sort} />
              ) : (
                <th key={c.label} scope="col" class={c.num ? 'num' : undefined}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const key = rowKey(r);
            return [
              <tr key={key} class={rowClass?.(r)}>
                {columns.map((c) => (
                  <td key={c.label} class={c.num ? 'num' : c.className} data-label={c.label}>
                    <div>{c.cell(r)}</div>
                  </td>
                ))}
              </tr>,
              after?.(r),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

/// "Export CSV" and "Export JSON" buttons, and what went wrong with the last export.
export function ExportButtons({ onExport }: { onExport: (kind: 'csv' | 'json') => Promise<void> }) {
  const [error, setError] = useState('');
  const run = (kind: 'csv' | 'json') => {
    setError('');
    onExport(kind).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div class="actions">
      <button type="button" onClick={() => run('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => run('json')}>
        Export JSON
      </button>
      {error && (
        <span class="state error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/// A project version's name, linked to one of its views.
export function ProjectLink({ project, view }: { project?: { uuid: string; name: string; version: string }; view?: string }) {
  if (!project) return <span class="muted">—</span>;
  return (
    <a href={`/projects/${project.uuid}${view ? `?${view}` : ''}`}>
      {project.name} {project.version}
    </a>
  );
}

/// The dependency-tree view of a project that opens the path to one component.
export function treeView(c: { sbom: string; index: number }) {
  return `tab=dependencies&focus=${encodeURIComponent(`${c.sbom}#${c.index}`)}`;
}
