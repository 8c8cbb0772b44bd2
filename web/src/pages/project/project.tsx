// A project version: its overview, and one tab per question (components, dependency graph,
// findings with triage, licenses and violations, SBOMs, difference to another version).
import { get, hasPermission, type User } from '../../api';
import { count, when } from '../../format';
import type { Metrics, Page, Project } from '../../types';
import { Empty, Show, Stat, Tabs, useAsync, usePageTitle } from '../../ui';
import { ComponentsTab } from './components';
import { DependenciesTab } from './dependencies';
import { FindingsTab } from './findings';
import { LicensesTab } from './licenses';
import { SbomsTab, UploadForm } from './sboms';
import { DiffTab } from './diff';

const tabs: [string, string][] = [
  ['overview', 'Overview'],
  ['components', 'Components'],
  ['dependencies', 'Dependency graph'],
  ['findings', 'Findings'],
  ['licenses', 'Licenses and violations'],
  ['sboms', 'SBOMs'],
  ['diff', 'Compare versions'],
];

function Overview({ project, user }: { project: Project; user: User }) {
  const metrics = useAsync((signal) => get<{ current: Metrics }>(`/api/v2/metrics/projects/${project.uuid}`, undefined, signal), [project.uuid]);
  const versions = useAsync((signal) => get<Page<Project>>('/api/v2/projects', { name: project.name, limit: 100 }, signal), [project.name]);
  return (
    <>
      <Show value={metrics} what="counts">
        {(m) => (
          <section class="stats" aria-label="Counts now">
            <Stat label="components" value={m.current.components} />
            <Stat label="vulnerable components" value={m.current.vulnerableComponents} tone="bad" />
            <Stat label="critical" value={m.current.critical} tone="bad" />
            <Stat label="high" value={m.current.high} tone="bad" />
            <Stat label="findings" value={m.current.findings} />
            <Stat label="audited" value={m.current.audited} />
            <Stat label="policy violations" value={m.current.violations} tone="warn" />
          </section>
        )}
      </Show>
      <div class="grid two">
        <section class="card">
          <h2>About</h2>
          <dl class="facts">
            <dt>Classifier</dt>
            <dd>{project.classifier}</dd>
            <dt>State</dt>
            <dd>
              {project.active ? 'active' : 'inactive'}
              {project.isLatest ? ', latest version' : ''}
            </dd>
            <dt>Tags</dt>
            <dd>{project.tags.length ? project.tags.join(', ') : '—'}</dd>
            <dt>Created</dt>
            <dd>{when(project.createdAt)}</dd>
            <dt>Last SBOM</dt>
            <dd>{when(project.lastSbomAt)}</dd>
            {project.description && (
              <>
                <dt>Description</dt>
                <dd>{project.description}</dd>
              </>
            )}
          </dl>
        </section>
        <section class="card">
          <h2>Versions</h2>
          <Show value={versions} what="versions">
            {(v) =>
              v.items.length === 0 ? (
                <Empty>None.</Empty>
              ) : (
                <ul class="plain">
                  {v.items.map((p) => (
                    <li key={p.uuid}>
                      {p.uuid === project.uuid ? <strong>{p.version || '(no version)'}</strong> : <a href={`/projects/${p.uuid}`}>{p.version || '(no version)'}</a>}
                      <span class="muted"> · {when(p.lastSbomAt)}</span>
                      {p.uuid !== project.uuid && (
                        <>
                          {' '}
                          · <a href={`/projects/${project.uuid}?tab=diff&to=${p.uuid}`}>compare</a>
                        </>
                      )}
                    </li>
                  ))}
                  {v.total > v.items.length && <li class="muted">and {count(v.total - v.items.length)} more</li>}
                </ul>
              )
            }
          </Show>
        </section>
      </div>
      {hasPermission(user, 'upload') && <UploadForm project={project} />}
    </>
  );
}

export function ProjectPage({ uuid, query, user }: { uuid: string; query: URLSearchParams; user: User }) {
  const project = useAsync((signal) => get<Project>(`/api/v2/projects/${encodeURIComponent(uuid)}`, undefined, signal), [uuid]);
  const tab = query.get('tab') ?? 'overview';
  const name = project.data ? `${project.data.name} ${project.data.version}` : 'Project';
  usePageTitle(`${name} · ${tabs.find(([id]) => id === tab)?.[1] ?? ''}`);
  return (
    <main id="main" tabIndex={-1}>
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/projects">Projects</a> ›
      </nav>
      <Show value={project} what="the project">
        {(p) => (
          <>
            <h1>
              {p.name} <span class="version">{p.version}</span>
            </h1>
            <Tabs tabs={tabs} active={tab} />
            <div role="region" aria-label={tabs.find(([id]) => id === tab)?.[1]}>
              {tab === 'overview' && <Overview project={p} user={user} />}
              {tab === 'components' && <ComponentsTab project={p} query={query} />}
              {tab === 'dependencies' && <DependenciesTab project={p} query={query} />}
              {tab === 'findings' && <FindingsTab project={p} query={query} user={user} />}
              {tab === 'licenses' && <LicensesTab project={p} query={query} />}
              {tab === 'sboms' && <SbomsTab project={p} user={user} query={query} />}
              {tab === 'diff' && <DiffTab project={p} query={query} />}
            </div>
          </>
        )}
      </Show>
    </main>
  );
}
