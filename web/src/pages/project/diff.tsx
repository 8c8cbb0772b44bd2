// What changed between this version and another: components added, removed and changed.
import { get } from '../../api';
import { count } from '../../format';
import { setQuery } from '../../router';
import type { Component, Page, Project } from '../../types';
import { Empty, Show, useAsync } from '../../ui';

interface Diff {
  added: Component[];
  removed: Component[];
  changed: { package: string; name: string; before: { version?: string; license?: string }; after: { version?: string; license?: string } }[];
  unchanged: number;
  addedTotal: number;
  removedTotal: number;
  changedTotal: number;
}

const shown = 500;

function List({ title, items, total }: { title: string; items: Component[]; total: number }) {
  return (
    <section class="card">
      <h3>
        {title} ({count(total)})
      </h3>
      {items.length === 0 ? (
        <Empty>None.</Empty>
      ) : (
        <ul class="plain scroll">
          {items.map((c) => (
            <li key={`${c.sbom}#${c.index}`} class="purl">
              {c.purl || `${c.name}@${c.version}`}
            </li>
          ))}
          {total > items.length && <li class="muted">and {count(total - items.length)} more</li>}
        </ul>
      )}
    </section>
  );
}

export function DiffTab({ project, query }: { project: Project; query: URLSearchParams }) {
  const to = query.get('to') ?? '';
  const versions = useAsync((signal) => get<Page<Project>>('/api/v2/projects', { name: project.name, limit: 100 }, signal), [project.name]);
  const diff = useAsync((signal) => (to ? get<Diff>('/api/v2/diff', { from: project.uuid, to, limit: shown }, signal) : Promise.resolve(null)), [project.uuid, to]);
  return (
    <section>
      <Show value={versions} what="versions">
        {(v) => {
          const others = v.items.filter((p) => p.uuid !== project.uuid);
          return others.length === 0 ? (
            <Empty>This is the only version of {project.name}.</Empty>
          ) : (
            <label>
              <span class="label">Compare {project.version} with</span>
              <select value={to} onChange={(e) => setQuery({ to: (e.target as HTMLSelectElement).value })}>
                <option value="">choose a version</option>
                {others.map((p) => (
                  <option key={p.uuid} value={p.uuid}>
                    {p.version || '(no version)'}
                  </option>
                ))}
              </select>
            </label>
          );
        }}
      </Show>
      {to && (
        <Show value={diff} what="the difference">
          {(d) =>
            d && (
              <>
                <p>
                  {count(d.addedTotal)} added, {count(d.removedTotal)} removed, {count(d.changedTotal)} changed, {count(d.unchanged)} unchanged.
                </p>
                <div class="grid three">
                  <List title="Added" items={d.added} total={d.addedTotal} />
                  <List title="Removed" items={d.removed} total={d.removedTotal} />
                  <section class="card">
                    <h3>Changed ({count(d.changedTotal)})</h3>
                    {d.changed.length === 0 ? (
                      <Empty>None.</Empty>
                    ) : (
                      <ul class="plain scroll">
                        {d.changed.map((c) => (
                          <li key={c.package}>
                            {c.name}: {c.before.version} → {c.after.version}
                            {c.before.license !== c.after.license && (
                              <span class="muted">
                                {' '}
                                (license {c.before.license || 'none'} → {c.after.license || 'none'})
                              </span>
                            )}
                          </li>
                        ))}
                        {d.changedTotal > d.changed.length && <li class="muted">and {count(d.changedTotal - d.changed.length)} more</li>}
                      </ul>
                    )}
                  </section>
                </div>
              </>
            )
          }
        </Show>
      )}
    </section>
  );
}
