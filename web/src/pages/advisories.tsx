// The advisory database: browse and search it, and open one advisory with what it affects.
import { get } from '../api';
import { count, day, when } from '../format';
import { setQuery } from '../router';
import type { AdvisoryItem, Page } from '../types';
import { AdvisoryResults } from './emergency';
import { Empty, Pager, SearchForm, Severity, Show, Table, pageOffset, useAsync, usePageTitle, type Column } from '../ui';

const pageSize = 50;

const columns: Column<AdvisoryItem>[] = [
  {
    label: 'Advisory',
    cell: (a) => (
      <>
        <a href={`/advisories/${encodeURIComponent(a.id)}`}>{a.id}</a>
        {a.aliases && a.aliases.length > 0 && <div class="muted small">{a.aliases.slice(0, 3).join(', ')}</div>}
      </>
    ),
  },
  { label: 'Severity', cell: (a) => <Severity value={a.severity} /> },
  {
    label: 'Summary',
    className: 'summary',
    cell: (a) => (
      <>
        {a.withdrawn && <strong>withdrawn </strong>}
        {a.summary}
      </>
    ),
  },
  { label: 'Published', cell: (a) => day(a.published || a.modified) },
  {
    label: 'Projects hit',
    num: true,
    cell: (a) => (a.affectedProjects > 0 ? <a href={`/emergency?q=${encodeURIComponent(a.id)}`}>{count(a.affectedProjects)}</a> : '0'),
  },
];

export function Advisories({ query }: { query: URLSearchParams }) {
  usePageTitle('Advisories');
  const q = query.get('q') ?? '';
  const affecting = query.get('affecting') === 'true';
  const offset = pageOffset(query, pageSize);
  const result = useAsync(
    (signal) => get<Page<AdvisoryItem>>('/api/v2/advisories', { q, affecting: affecting || undefined, limit: pageSize, offset }, signal),
    [q, affecting, offset],
  );
  return (
    <main id="main" tabIndex={-1}>
      <h1>Advisories</h1>
      <SearchForm
        label="Id, alias or words"
        name="q"
        value={q}
        placeholder="CVE-2024-…, GHSA-…, django"
        extra={
          <label class="check">
            <input
              type="checkbox"
              checked={affecting}
              onChange={(e) => setQuery({ affecting: (e.target as HTMLInputElement).checked ? 'true' : null, page: null })}
            />{' '}
            Only those that hit the portfolio
          </label>
        }
      />
      <Show value={result} what="advisories">
        {(page) =>
          page.total === 0 ? (
            <Empty>{q || affecting ? 'No advisory matches.' : 'No advisories stored: kaiyuan db import --database, or serve --advisory-update-interval.'}</Empty>
          ) : (
            <>
              <Table caption="Advisories" columns={columns} rows={page.items} rowKey={(a) => a.id} rowClass={(a) => (a.withdrawn ? 'old' : undefined)} />
              <Pager total={page.total} offset={offset} limit={pageSize} />
            </>
          )
        }
      </Show>
    </main>
  );
}

interface Osv {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  modified: string;
  published?: string;
  withdrawn?: string;
  severity?: { type: string; score: string }[];
  affected?: { package?: { ecosystem: string; name: string; purl?: string }; ranges?: { type: string; events: Record<string, string>[] }[]; versions?: string[] }[];
  references?: { type: string; url: string }[];
}

function events(r: { type: string; events: Record<string, string>[] }) {
  return r.events.map((e) => Object.entries(e).map(([k, v]) => `${k} ${v}`)).flat().join(', ');
}

type Affected = NonNullable<Osv['affected']>[number];
const affectedColumns: Column<Affected>[] = [
  { label: 'Ecosystem', cell: (x) => x.package?.ecosystem },
  { label: 'Package', className: 'purl', cell: (x) => x.package?.purl || x.package?.name },
  {
    label: 'Ranges',
    cell: (x) => (
      <>
        {(x.ranges ?? []).map((r, j) => (
          <div key={j}>
            {r.type}: {events(r)}
          </div>
        ))}
        {x.versions && x.versions.length > 0 && <div class="muted small">{x.versions.length} listed versions</div>}
      </>
    ),
  },
];

export function AdvisoryPage({ id, query }: { id: string; query: URLSearchParams }) {
  const record = useAsync((signal) => get<Osv>(`/api/v2/advisories/${encodeURIComponent(id)}`, undefined, signal), [id]);
  usePageTitle(id);
  return (
    <main id="main" tabIndex={-1}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/advisories">Advisories</a> ›
      </nav>
      <Show value={record} what="the advisory">
        {(a) => (
          <>
            <h1>{a.id}</h1>
            {a.withdrawn && <p class="state error">Withdrawn {when(a.withdrawn)}.</p>}
            <p>
              <a class="button primary" href={`/emergency?q=${encodeURIComponent(a.id)}`}>
                Which projects does it affect?
              </a>
            </p>
            {a.summary && <p class="lead">{a.summary}</p>}
            <dl class="facts">
              <dt>Aliases</dt>
              <dd>{a.aliases?.length ? a.aliases.join(', ') : '—'}</dd>
              <dt>Published</dt>
              <dd>{when(a.published)}</dd>
              <dt>Modified</dt>
              <dd>{when(a.modified)}</dd>
              <dt>Severity</dt>
              <dd>{a.severity?.length ? a.severity.map((s) => `${s.type} ${s.score}`).join('; ') : '—'}</dd>
            </dl>
            {a.details && <pre class="details">{a.details}</pre>}
            <h2>Affected packages</h2>
            {(a.affected ?? []).length === 0 ? (
              <Empty>None listed.</Empty>
            ) : (
              <Table
                caption="Affected packages"
                columns={affectedColumns}
                rows={(a.affected ?? []).slice(0, 200)}
                rowKey={(x) => `${x.package?.ecosystem}/${x.package?.name}/${JSON.stringify(x.ranges ?? [])}`}
              />
            )}
            <h2>Affected project versions</h2>
            <AdvisoryResults id={a.id} query={query} />
            {(a.references ?? []).length > 0 && (
              <>
                <h2>References</h2>
                <ul>
                  {(a.references ?? []).slice(0, 50).map((r, i) => (
                    <li key={i}>
                      <a href={r.url} rel="noopener noreferrer" target="_blank">
                        {r.url}
                      </a>{' '}
                      <span class="muted">{r.type.toLowerCase()}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Show>
    </main>
  );
}
