// Projects: search by name, filter by tag, active and latest; pages come from the server.
import { useState } from 'preact/hooks';
import { ApiError, get, request, type User } from '../api';
import { when } from '../format';
import { navigate, setQuery } from '../router';
import type { Page, Project } from '../types';
import { Empty, SearchForm, Show, Table, useAsync, usePageTitle, type Column } from '../ui';

const pageSize = 50;

const columns: Column<Project>[] = [
  { label: 'Name', cell: (p) => <a href={`/projects/${p.uuid}`}>{p.name}</a> },
  { label: 'Version', cell: (p) => p.version || '—' },
  {
    label: 'Tags',
    cell: (p) =>
      p.tags.map((t) => (
        <a class="tag" key={t} href={`/projects?tag=${encodeURIComponent(t)}`}>
          {t}
        </a>
      )),
  },
  { label: 'Last SBOM', cell: (p) => when(p.lastSbomAt) },
  { label: 'State', cell: (p) => `${p.active ? 'active' : 'inactive'}${p.isLatest ? ', latest' : ''}` },
];

function NewProject() {
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const tags = String(f.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    try {
      const p = await request<Project>('POST', '/api/v2/projects', {
        body: { name: String(f.get('name')).trim(), version: String(f.get('version') ?? '').trim(), tags },
      });
      navigate(`/projects/${p.uuid}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <details class="card">
      <summary>New project</summary>
      <form onSubmit={submit}>
        <div class="row">
          <label>
            <span class="label">Name</span>
            <input name="name" required />
          </label>
          <label>
            <span class="label">Version</span>
            <input name="version" />
          </label>
          <label>
            <span class="label">Tags (comma-separated)</span>
            <input name="tags" />
          </label>
          <button type="submit" class="primary">
            Create project
          </button>
        </div>
        {error && (
          <p class="state error" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}

export function Projects({ query, user }: { query: URLSearchParams; user: User }) {
  usePageTitle('Projects');
  const q = query.get('q') ?? '';
  const tag = query.get('tag') ?? '';
  const active = query.get('active') ?? '';
  const latest = query.get('latest') ?? '';
  const cursor = query.get('cursor') ?? '';
  const result = useAsync(
    (signal) =>
      get<Page<Project>>('/api/v2/projects', { namePrefix: q, tag, active: active || undefined, latest: latest || undefined, cursor, limit: pageSize }, signal),
    [q, tag, active, latest, cursor],
  );
  const select = (name: string, value: string, label: string) => (
    <label>
      <span class="label">{label}</span>
      <select value={value} onChange={(e) => setQuery({ [name]: (e.target as HTMLSelectElement).value, cursor: null })}>
        <option value="">any</option>
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    </label>
  );
  return (
    <main id="main" tabIndex={-1}>
      <h1>Projects</h1>
      {user.permissions.includes('admin') && <NewProject />}
      <SearchForm
        label="Name starts with"
        name="q"
        value={q}
        placeholder="name"
        extra={
          <>
            <label>
              <span class="label">Tag</span>
              <input
                name="tag"
                defaultValue={tag}
                key={tag}
                onChange={(e) => setQuery({ tag: (e.target as HTMLInputElement).value.trim(), cursor: null })}
              />
            </label>
            {select('active', active, 'Active')}
            {select('latest', latest, 'Latest version')}
          </>
        }
      />
      <Show value={result} what="projects">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{q || tag || active || latest ? 'No project matches.' : 'No project yet: upload an SBOM from CI or from a project page.'}</Empty>
          ) : (
            <>
              <Table caption="Projects" columns={columns} rows={page.items} rowKey={(p) => p.uuid} />
              <nav class="pager" aria-label="Pages">
                <button type="button" disabled={!cursor} onClick={() => window.history.back()}>
                  ‹ Previous
                </button>
                <span>{page.total >= 0 ? `${page.total} in all` : ''}</span>
                <button type="button" disabled={!page.nextCursor} onClick={() => navigate(`/projects?${new URLSearchParams({ ...Object.fromEntries(query), cursor: page.nextCursor ?? '' })}`)}>
                  Next ›
                </button>
              </nav>
            </>
          )
        }
      </Show>
    </main>
  );
}
