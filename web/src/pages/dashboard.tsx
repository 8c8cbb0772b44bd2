import { useMemo } from 'preact/hooks';
import { get } from '../api';
import { TrendChart } from '../chart';
import { count, day } from '../format';
import type { AdvisoryItem, Metrics, Page, Project } from '../types';
import { Bars, Empty, ProjectLink, Severity, Show, Stat, Table, useAsync, usePageTitle } from '../ui';

interface Portfolio {
  current: Metrics;
  series: Metrics[];
  projectsAtRisk: { project: Project; metrics: Metrics; riskScore: number }[];
}

function Trends({ series }: { series: Metrics[] }) {
  const data = useMemo(() => {
    const days = series.map((m) => Date.parse(m.at.length === 10 ? `${m.at}T12:00:00Z` : m.at) / 1000);
    const pick = (k: keyof Metrics) => series.map((m) => Number(m[k] ?? 0));
    return {
      days,
      severities: [
        { label: 'critical', values: pick('critical'), color: '#8b0000' },
        { label: 'high', values: pick('high'), color: '#d9480f' },
        { label: 'medium', values: pick('medium'), color: '#b08900' },
        { label: 'low', values: pick('low'), color: '#2b8a3e' },
        { label: 'unassigned', values: pick('unassigned'), color: '#6c757d' },
      ],
      inventory: [
        { label: 'vulnerable components', values: pick('vulnerableComponents'), color: '#c92a2a' },
        { label: 'policy violations', values: pick('violations'), color: '#5f3dc4' },
        { label: 'audited', values: pick('audited'), color: '#1864ab' },
      ],
    };
  }, [series]);
  if (series.length === 0) return <Empty>No metrics recorded yet: they are recorded whenever findings change, and daily.</Empty>;
  return (
    <div class="grid two">
      <TrendChart title="Findings by severity, last 30 days" days={data.days} series={data.severities} />
      <TrendChart title="Vulnerable components, violations and audits" days={data.days} series={data.inventory} />
    </div>
  );
}

export function Dashboard() {
  usePageTitle('Dashboard');
  // One counting for the counts and the projects most at risk (top=10).
  const portfolio = useAsync((signal) => get<Portfolio>('/api/v2/metrics/portfolio', { top: 10 }, signal), []);
  const newest = useAsync((signal) => get<Page<AdvisoryItem>>('/api/v2/advisories', { affecting: true, limit: 8 }, signal), []);
  return (
    <main id="main" tabIndex={-1}>
      <h1>Portfolio</h1>
      <Show value={portfolio} what="the portfolio's counts">
        {(p) => (
          <>
            <section class="stats" aria-label="Counts now">
              <Stat label="projects" value={p.current.projects} />
              <Stat label="components" value={p.current.components} />
              <Stat label="vulnerable components" value={p.current.vulnerableComponents} tone="bad" />
              <Stat label="vulnerabilities" value={p.current.vulnerabilities} tone="bad" />
              <Stat label="findings" value={p.current.findings} />
              <Stat label="policy violations" value={p.current.violations} tone="warn" />
            </section>
            <div class="grid three">
              <section class="card">
                <h2>Findings by severity</h2>
                <Bars
                  label="Findings by severity"
                  items={[
                    ['critical', p.current.critical, 'sev-critical'],
                    ['high', p.current.high, 'sev-high'],
                    ['medium', p.current.medium, 'sev-medium'],
                    ['low', p.current.low, 'sev-low'],
                    ['unassigned', p.current.unassigned, 'sev-unknown'],
                    ['suppressed', p.current.suppressed, 'muted'],
                  ]}
                />
              </section>
              <section class="card">
                <h2>Findings by triage state</h2>
                {Object.keys(p.current.states).length === 0 ? (
                  <Empty>No findings.</Empty>
                ) : (
                  <Bars label="Findings by triage state" items={Object.entries(p.current.states).map(([k, v]) => [k.replace(/_/g, ' '), v])} />
                )}
              </section>
              <section class="card">
                <h2>License categories in use</h2>
                {Object.keys(p.current.licenses).length === 0 ? (
                  <Empty>No components yet.</Empty>
                ) : (
                  <Bars
                    label="Components by license category"
                    items={Object.entries(p.current.licenses)
                      .sort((a, b) => b[1] - a[1])
                      .map(([k, v]) => [k, v])}
                  />
                )}
              </section>
            </div>
            <section>
              <h2>Trends</h2>
              <Trends series={p.series} />
            </section>
          </>
        )}
      </Show>
      <div class="grid two">
        <section class="card">
          <h2>Projects most at risk</h2>
          <Show value={portfolio} what="projects at risk">
            {(p) =>
              p.projectsAtRisk.length === 0 ? (
                <Empty>No project has an open finding.</Empty>
              ) : (
                <Table
                  caption="Projects most at risk"
                  rows={p.projectsAtRisk}
                  rowKey={(x) => x.project.uuid}
                  columns={[
                    { label: 'Project', cell: (x) => <ProjectLink project={x.project} view="tab=findings" /> },
                    { label: 'Risk', num: true, cell: (x) => count(x.riskScore) },
                    { label: 'Critical', num: true, cell: (x) => count(x.metrics.critical) },
                    { label: 'High', num: true, cell: (x) => count(x.metrics.high) },
                    { label: 'Findings', num: true, cell: (x) => count(x.metrics.findings) },
                  ]}
                />
              )
            }
          </Show>
        </section>
        <section class="card">
          <h2>Newest advisories that hit the portfolio</h2>
          <Show value={newest} what="advisories">
            {(a) =>
              a.items.length === 0 ? (
                <Empty>No stored advisory affects a project you can see.</Empty>
              ) : (
                <ul class="plain">
                  {a.items.map((x) => (
                    <li key={x.id}>
                      <Severity value={x.severity} /> <a href={`/emergency?q=${encodeURIComponent(x.id)}`}>{x.id}</a>
                      {x.aliases && x.aliases.length > 0 && <span class="muted"> ({x.aliases.slice(0, 2).join(', ')})</span>}
                      <span class="muted">
                        {' '}
                        · {count(x.affectedProjects)} project{x.affectedProjects === 1 ? '' : 's'} · {day(x.published || x.modified)}
                      </span>
                    </li>
                  ))}
                </ul>
              )
            }
          </Show>
        </section>
      </div>
    </main>
  );
}
