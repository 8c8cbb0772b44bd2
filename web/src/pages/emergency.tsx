// The emergency question, first: which of our project versions ship this advisory's affected
// versions (or this package in this version range), through which component and path, fixed in
// which version, and triaged how.
import { useState } from 'preact/hooks';
import { get } from '../api';
import { fetchAll, saveCsv, saveJson } from '../download';
import { count } from '../format';
import { setQuery } from '../router';
import type { Component, Finding, Page } from '../types';
import { Empty, ExportButtons, Pager, ProjectLink, Severity, Show, Table, pageOffset, treeView, useAsync, usePageTitle, type Column } from '../ui';

const pageSize = 100;

interface Affected extends Page<Finding> {
  projects: number;
  advisories: string[];
}

function filters(query: URLSearchParams) {
  return {
    active: query.get('active') === 'true' ? true : undefined,
    latest: query.get('latest') === 'true' ? true : undefined,
    tag: query.get('tag') ?? undefined,
  };
}

function path(f: Finding) {
  return f.dependencyPath.length === 0 ? 'direct' : [...f.dependencyPath, f.component.purl || f.component.name].join(' → ');
}

const findingColumns: Column<Finding>[] = [
  { label: 'Project', cell: (x) => <ProjectLink project={x.component.project} view="tab=findings" /> },
  { label: 'Component', className: 'purl', cell: (x) => x.component.purl || x.component.name },
  { label: 'Installed', cell: (x) => x.installedVersion },
  { label: 'Fixed in', cell: (x) => (x.fixedVersions.length ? x.fixedVersions.join(', ') : <span class="muted">no fix</span>) },
  { label: 'Severity', cell: (x) => <Severity value={x.severity} /> },
  { label: 'Dependency path', className: 'path', cell: (x) => <a href={`/projects/${x.component.project?.uuid}?${treeView(x.component)}`}>{path(x)}</a> },
  {
    label: 'Triage',
    cell: (x) => (
      <>
        {x.triage.state.replace(/_/g, ' ')}
        {x.triage.suppressed && <span class="muted"> (suppressed)</span>}
      </>
    ),
  },
];

export function AdvisoryResults({ id, query }: { id: string; query: URLSearchParams }) {
  const offset = pageOffset(query, pageSize);
  const f = filters(query);
  const result = useAsync(
    (signal) => get<Affected>(`/api/v2/advisories/${encodeURIComponent(id)}/affected`, { ...f, limit: pageSize, offset }, signal),
    [id, offset, f.active, f.latest, f.tag],
  );
  const exportAs = async (kind: 'csv' | 'json') => {
    const all = await fetchAll<Finding>(`/api/v2/advisories/${encodeURIComponent(id)}/affected`, f, 10000);
    const name = `affected-${id}`;
    if (kind === 'json') return saveJson(`${name}.json`, all);
    saveCsv(
      `${name}.csv`,
      ['project', 'version', 'project_uuid', 'advisory', 'component', 'purl', 'installed', 'fixed', 'path', 'state', 'suppressed'],
      all.map((x) => [
        x.component.project?.name,
        x.component.project?.version,
        x.component.project?.uuid,
        x.advisory,
        x.component.name,
        x.component.purl,
        x.installedVersion,
        x.fixedVersions.join(' '),
        path(x),
        x.triage.state,
        x.triage.suppressed,
      ]),
    );
  };
  return (
    <Show value={result} what="affected projects">
      {(r) => (
        <section aria-live="polite">
          <p class={`verdict ${r.total > 0 ? 'bad' : 'good'}`}>
            {r.total > 0 ? (
              <>
                <strong>{count(r.projects)}</strong> project version{r.projects === 1 ? '' : 's'} affected by {id} ({r.advisories.join(', ')}),
                through {count(r.total)} finding{r.total === 1 ? '' : 's'}.
              </>
            ) : (
              <>No project version you can see is affected by {id} ({r.advisories.join(', ')}).</>
            )}
          </p>
          {r.total > 0 && (
            <>
              <ExportButtons onExport={exportAs} />
              <Table
                caption="Affected project versions"
                columns={findingColumns}
                rows={r.items}
                rowKey={(x) => `${x.component.sbom}#${x.component.index}#${x.advisory}`}
              />
              <Pager total={r.total} offset={r.offset ?? offset} limit={pageSize} />
            </>
          )}
        </section>
      )}
    </Show>
  );
}

const componentColumns: Column<Component>[] = [
  { label: 'Project', cell: (c) => <ProjectLink project={c.project} view={treeView(c)} /> },
  { label: 'Component', className: 'purl', cell: (c) => c.purl || c.name },
  { label: 'Version', cell: (c) => c.version },
  { label: 'Source', cell: (c) => c.source || '—' },
];

function PackageResults({ purl, range, query }: { purl: string; range: string; query: URLSearchParams }) {
  const offset = pageOffset(query, pageSize);
  const result = useAsync((signal) => get<Page<Component>>('/api/v2/components', { purl, range, limit: pageSize, offset }, signal), [purl, range, offset]);
  const exportAs = async (kind: 'csv' | 'json') => {
    const all = await fetchAll<Component>('/api/v2/components', { purl, range }, 1000);
    if (kind === 'json') return saveJson('affected-components.json', all);
    saveCsv(
      'affected-components.csv',
      ['project', 'version', 'project_uuid', 'component', 'purl', 'version_installed'],
      all.map((c) => [c.project?.name, c.project?.version, c.project?.uuid, c.name, c.purl, c.version]),
    );
  };
  const what = `${purl}${range ? ` in ${range}` : ''}`;
  return (
    <Show value={result} what="components">
      {(r) => (
        <section aria-live="polite">
          <p class={`verdict ${r.total > 0 ? 'bad' : 'good'}`}>
            {r.total > 0 ? (
              <>
                <strong>{count(r.total)}</strong> component{r.total === 1 ? '' : 's'} match {what}.
              </>
            ) : (
              <>No project version you can see ships {what}.</>
            )}
          </p>
          {r.total > 0 && (
            <>
              <ExportButtons onExport={exportAs} />
              <Table caption="Matching components" columns={componentColumns} rows={r.items} rowKey={(c) => `${c.sbom}#${c.index}`} />
              <Pager total={r.total} offset={offset} limit={pageSize} />
            </>
          )}
        </section>
      )}
    </Show>
  );
}

export function Emergency({ query }: { query: URLSearchParams }) {
  usePageTitle('Emergency');
  const id = query.get('q') ?? '';
  const purl = query.get('purl') ?? '';
  const range = query.get('range') ?? '';
  const [formError, setFormError] = useState('');
  const f = filters(query);
  const submitAdvisory = (e: Event) => {
    e.preventDefault();
    const v = String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim();
    if (!v) return setFormError('Give an advisory id: CVE-…, GHSA-…, an OSV id or an openEuler SA.');
    setFormError('');
    setQuery({ q: v, purl: null, range: null, page: null });
  };
  const submitPackage = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const p = String(form.get('purl') ?? '').trim();
    if (!p.startsWith('pkg:')) return setFormError('A package URL starts with pkg:, for example pkg:maven/org.apache.logging.log4j/log4j-core.');
    setFormError('');
    setQuery({ purl: p, range: String(form.get('range') ?? '').trim(), q: null, page: null });
  };
  return (
    <main id="main" tabIndex={-1}>
      <h1>Emergency: who ships it?</h1>
      <div class="grid two">
        <form class="card" onSubmit={submitAdvisory} role="search" aria-label="By advisory">
          <h2>By advisory</h2>
          <label>
            <span class="label">Advisory id or alias</span>
            <input name="q" defaultValue={id} key={`q-${id}`} placeholder="CVE-2021-44228, GHSA-…, openEuler-SA-…" />
          </label>
          <button type="submit" class="primary">
            Find affected projects
          </button>
        </form>
        <form class="card" onSubmit={submitPackage} role="search" aria-label="By package">
          <h2>By package and version range</h2>
          <label>
            <span class="label">Package URL (without version)</span>
            <input name="purl" defaultValue={purl} key={`p-${purl}`} placeholder="pkg:maven/org.apache.logging.log4j/log4j-core" />
          </label>
          <label>
            <span class="label">Version range (vers)</span>
            <input name="range" defaultValue={range} key={`r-${range}`} placeholder="vers:maven/>=2.0.0|<2.17.1" />
          </label>
          <button type="submit" class="primary">
            Find components
          </button>
        </form>
      </div>
      {formError && (
        <p class="state error" role="alert">
          {formError}
        </p>
      )}
      {id && (
        <fieldset class="filters">
          <legend>Only</legend>
          <label class="check">
            <input type="checkbox" checked={f.active === true} onChange={(e) => setQuery({ active: (e.target as HTMLInputElement).checked ? 'true' : null, page: null })} /> active
            projects
          </label>
          <label class="check">
            <input type="checkbox" checked={f.latest === true} onChange={(e) => setQuery({ latest: (e.target as HTMLInputElement).checked ? 'true' : null, page: null })} /> latest
            versions
          </label>
        </fieldset>
      )}
      {id ? (
        <AdvisoryResults id={id} query={query} />
      ) : purl ? (
        <PackageResults purl={purl} range={range} query={query} />
      ) : (
        <Empty>Paste an advisory id, or a package URL and a version range, to see every project version that ships it.</Empty>
      )}
    </main>
  );
}
