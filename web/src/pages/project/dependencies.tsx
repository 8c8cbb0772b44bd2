// The dependency graph as a tree, loaded one level at a time (a project of 10,000 components
// never sends its whole graph to the browser). ?focus=NODE opens the tree along the path to that
// node and highlights it: the way from a top-level component to a vulnerable one.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api';
import { count } from '../../format';
import type { Component, Project } from '../../types';
import { Empty, ErrorBox, Loading, useAsync } from '../../ui';
import { ApiError } from '../../api';

interface Node extends Component {
  id: string;
  children: number;
}

interface Level {
  nodes: Node[];
  total: number;
  focusPath?: string[];
}

function Children({ project, parent, focusPath, depth }: { project: Project; parent: string; focusPath: string[]; depth: number }) {
  const level = useAsync(
    (signal) => get<Level>(`/api/v2/projects/${project.uuid}/dependencies?parent=${encodeURIComponent(parent)}`, { limit: 500 }, signal),
    [project.uuid, parent],
  );
  if (level.error) return <ErrorBox error={level.error} retry={level.reload} />;
  if (!level.data) return <Loading what="dependencies" />;
  return <Branch project={project} level={level.data} focusPath={focusPath} depth={depth} />;
}

function Branch({ project, level, focusPath, depth }: { project: Project; level: Level; focusPath: string[]; depth: number }) {
  return (
    // Nested lists with disclosure buttons (not an ARIA tree: every toggle is a plain button
    // reached with Tab, no arrow-key model to learn).
    <ul aria-label={depth === 0 ? 'Dependency tree' : undefined} class={depth === 0 ? 'tree root' : 'tree'}>
      {level.nodes.map((n) => (
        <TreeNode key={n.id} project={project} node={n} focusPath={focusPath} depth={depth} />
      ))}
      {level.total > level.nodes.length && (
        <li class="muted">
          and {count(level.total - level.nodes.length)} more
        </li>
      )}
    </ul>
  );
}

function TreeNode({ project, node, focusPath, depth }: { project: Project; node: Node; focusPath: string[]; depth: number }) {
  const onPath = focusPath[depth] === node.id;
  const focused = onPath && depth === focusPath.length - 1;
  const [open, setOpen] = useState(onPath && !focused);
  useEffect(() => {
    if (onPath && !focused) setOpen(true);
  }, [onPath, focused]);
  useEffect(() => {
    if (focused) document.getElementById(`node-${node.id}`)?.scrollIntoView({ block: 'center' });
  }, [focused]);
  return (
    <li id={`node-${node.id}`}>
      <div class={`tree-row${onPath ? ' on-path' : ''}${focused ? ' focused' : ''}`} aria-current={focused ? 'true' : undefined}>
        {node.children > 0 ? (
          <button type="button" class="toggle" aria-expanded={open} aria-label={`${node.name} ${node.version}: ${node.children} dependencies`} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span class="toggle leaf" aria-hidden="true">
            ·
          </span>
        )}
        <span class="name">{node.name}</span> <span class="muted">{node.version}</span>
        {node.purl && <span class="purl muted"> {node.purl}</span>}
        {node.children > 0 && <span class="muted"> ({count(node.children)})</span>}
      </div>
      {open && node.children > 0 && <Children project={project} parent={node.id} focusPath={onPath ? focusPath : []} depth={depth + 1} />}
    </li>
  );
}

export function DependenciesTab({ project, query }: { project: Project; query: URLSearchParams }) {
  const focus = query.get('focus') ?? '';
  const roots = useAsync(
    (signal) => get<Level>(`/api/v2/projects/${project.uuid}/dependencies?parent=`, { focus: focus || undefined, limit: 500 }, signal),
    [project.uuid, focus],
  );
  if (roots.error) return <ErrorBox error={roots.error as ApiError} retry={roots.reload} />;
  if (!roots.data) return <Loading what="the dependency graph" />;
  if (roots.data.nodes.length === 0) return <Empty>No components: upload an SBOM.</Empty>;
  const path = roots.data.focusPath ?? [];
  return (
    <section>
      {focus && path.length > 0 && (
        <p class="muted">
          The path to the highlighted component is opened ({path.length - 1} level{path.length === 2 ? '' : 's'} deep).{' '}
          <a href={`/projects/${project.uuid}?tab=dependencies`}>Close it</a>
        </p>
      )}
      {focus && path.length === 0 && <p class="muted">The component to highlight is not in the graph of the current SBOMs.</p>}
      <Branch project={project} level={roots.data} focusPath={path} depth={0} />
    </section>
  );
}
