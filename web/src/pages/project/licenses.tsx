import { get } from '../../api';
import { count, when } from '../../format';
import type { Component, Project } from '../../types';
import { Empty, Pager, Show, Table, pageOffset, useAsync } from '../../ui';

interface Violation {
  component: Component;
  componentKey: string;
  license: string;
  reasons: string[];
  firstSeen: string;
}

export function LicensesTab({ project, query }: { project: Project; query: URLSearchParams }) {
  const offset = pageOffset(query, 100);
  const licenses = useAsync(
    (signal) => get<{ items: { license: string | null; components: number }[] }>('/api/v2/licenses', { project: project.uuid }, signal),
    [project.uuid],
  );
  const violations = useAsync(
    (signal) => get<{ items: Violation[]; total: number }>(`/api/v2/projects/${project.uuid}/violations`, { limit: 100, offset }, signal),
    [project.uuid, offset],
  );
  return (
    <div class="grid two">
      <section class="card">
        <h2>Licenses</h2>
        <Show value={licenses} what="licenses">
          {(l) =>
            l.items.length === 0 ? (
              <Empty>No components.</Empty>
            ) : (
              <Table
                caption="Licenses"
                rows={[...l.items].sort((a, b) => b.components - a.components)}
                rowKey={(x) => x.license ?? ''}
                columns={[
                  { label: 'License expression', cell: (x) => x.license ?? <span class="muted">none declared</span> },
                  { label: 'Components', num: true, cell: (x) => count(x.components) },
                ]}
              />
            )
          }
        </Show>
      </section>
      <section class="card">
        <h2>Policy violations</h2>
        <Show value={violations} what="violations">
          {(v) =>
            v.total === 0 ? (
              <Empty>No component breaks the license policy.</Empty>
            ) : (
              <>
              <Table
                caption="Policy violations"
                rows={v.items}
                rowKey={(x) => `${x.component.sbom}#${x.component.index}`}
                columns={[
                  { label: 'Component', className: 'purl', cell: (x) => x.component.purl || x.component.name },
                  { label: 'License', cell: (x) => x.license },
                  { label: 'Why', cell: (x) => x.reasons.join('; ') },
                  { label: 'Since', cell: (x) => when(x.firstSeen) },
                ]}
              />
              <Pager total={v.total} offset={offset} limit={100} />
              </>
            )
          }
        </Show>
      </section>
    </div>
  );
}
