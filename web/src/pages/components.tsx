// Components across the portfolio: by package URL (with a version range), purl prefix, name or
// hash. Every search is a URL.
import { get } from '../api';
import { setQuery } from '../router';
import type { Component, Page } from '../types';
import { Empty, Pager, ProjectLink, Show, Table, pageOffset, treeView, useAsync, usePageTitle, type Column } from '../ui';

const pageSize = 100;
const fields: [string, string, string][] = [
  ['purl', 'Package URL', 'pkg:npm/lodash (any version) or pkg:npm/lodash@4.17.20'],
  ['range', 'Version range (with a purl)', 'vers:npm/<4.17.21'],
  ['purlPrefix', 'Package URL starts with', 'pkg:maven/org.apache.'],
  ['name', 'Name', 'openssl'],
  ['hash', 'Hash (hex)', 'sha256 or sha1 digest'],
];

const columns: Column<Component>[] = [
  { label: 'Component', className: 'purl', cell: (c) => c.purl || c.name },
  { label: 'Version', cell: (c) => c.version },
  { label: 'Project', cell: (c) => <ProjectLink project={c.project} view={treeView(c)} /> },
  { label: 'License', cell: (c) => c.licenseConcluded || c.licenseDeclared || <span class="muted">none</span> },
];

export function Components({ query }: { query: URLSearchParams }) {
  usePageTitle('Components');
  const values = Object.fromEntries(fields.map(([k]) => [k, query.get(k) ?? '']));
  const any = fields.some(([k]) => values[k]);
  const offset = pageOffset(query, pageSize);
  const result = useAsync(
    (signal) => (any ? get<Page<Component>>('/api/v2/components', { ...values, limit: pageSize, offset }, signal) : Promise.resolve(null)),
    [JSON.stringify(values), offset],
  );
  return (
    <main id="main" tabIndex={-1}>
      <h1>Components across the portfolio</h1>
      <form
        class="card search-grid"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.target as HTMLFormElement);
          setQuery({ ...Object.fromEntries(fields.map(([k]) => [k, String(form.get(k) ?? '').trim()])), page: null });
        }}
      >
        {fields.map(([k, label, placeholder]) => (
          <label key={k}>
            <span class="label">{label}</span>
            <input name={k} defaultValue={values[k]} key={`${k}-${values[k]}`} placeholder={placeholder} />
          </label>
        ))}
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      {!any ? (
        <Empty>Search by package URL, name or hash: every project version that ships it is listed.</Empty>
      ) : (
        <Show value={result} what="components">
          {(page) =>
            !page || page.total === 0 ? (
              <Empty>No component you can see matches.</Empty>
            ) : (
              <>
                <Table caption="Components" columns={columns} rows={page.items} rowKey={(c) => `${c.sbom}#${c.index}`} />
                <Pager total={page.total} offset={offset} limit={pageSize} />
              </>
            )
          }
        </Show>
      )}
    </main>
  );
}
