import { get } from '../../api';
import type { Component, Page, Project } from '../../types';
import { Empty, Pager, SearchForm, Show, Table, pageOffset, treeView, useAsync, type Column } from '../../ui';

const pageSize = 100;

const columns = (project: Project): Column<Component>[] => [
  { label: 'Name', sort: 'name', cell: (c) => <a href={`/projects/${project.uuid}?${treeView(c)}`}>{c.name}</a> },
  { label: 'Version', sort: 'version', cell: (c) => c.version },
  { label: 'Type', sort: 'type', cell: (c) => c.type },
  { label: 'Package URL', sort: 'purl', className: 'purl', cell: (c) => c.purl ?? '—' },
  { label: 'License', sort: 'license', cell: (c) => c.licenseConcluded || c.licenseDeclared || <span class="muted">none</span> },
];

export function ComponentsTab({ project, query }: { project: Project; query: URLSearchParams }) {
  const q = query.get('q') ?? '';
  const sort = query.get('sort') ?? 'name';
  const offset = pageOffset(query, pageSize);
  const result = useAsync(
    (signal) => get<Page<Component>>(`/api/v2/projects/${project.uuid}/components`, { q, sort, limit: pageSize, offset }, signal),
    [project.uuid, q, sort, offset],
  );
  return (
    <section>
      <SearchForm label="Name or purl contains" name="q" value={q} placeholder="openssl, pkg:npm/…" />
      <Show value={result} what="components">
        {(page) =>
          page.total === 0 ? (
            <Empty>{q ? `No component's name or purl contains "${q}".` : 'No components: upload an SBOM.'}</Empty>
          ) : (
            <>
              <Table
                caption={`Components, sorted by ${sort.replace('-', '')}`}
                columns={columns(project)}
                rows={page.items}
                rowKey={(c) => `${c.sbom}#${c.index}`}
                sort={sort}
              />
              <Pager total={page.total} offset={offset} limit={pageSize} />
            </>
          )
        }
      </Show>
    </section>
  );
}
