// Findings with triage: state, justification, response, details and suppression (the CycloneDX
// VEX vocabulary), a comment, and the audit trail of every change and who made it.
import { useState } from 'preact/hooks';
import { ApiError, get, hasPermission, request, type User } from '../../api';
import { when } from '../../format';
import { setQuery } from '../../router';
import { justifications, responses, triageStates, type Finding, type Page, type Project } from '../../types';
import { Empty, Pager, Severity, Show, Table, pageOffset, treeView, useAsync, type Column } from '../../ui';

const pageSize = 100;

interface TriageEvent {
  at: string;
  actor: string;
  change: string;
  comment: string | null;
}

function findingKey(f: Finding) {
  return `${f.componentKey}|${f.advisory}`;
}

function TriagePanel({ project, finding, user, onSaved }: { project: Project; finding: Finding; user: User; onSaved: () => void }) {
  const history = useAsync(
    (signal) =>
      get<{ items: TriageEvent[] }>('/api/v2/triage', { project: project.uuid, componentKey: finding.componentKey, advisory: finding.advisory }, signal),
    [project.uuid, finding.componentKey, finding.advisory],
  );
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const canTriage = hasPermission(user, 'triage');
  const save = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const body: Record<string, unknown> = {
      project: project.uuid,
      componentKey: finding.componentKey,
      advisory: finding.advisory,
      state: String(form.get('state')),
      response: form.getAll('response').map(String),
      details: String(form.get('details') ?? ''),
      suppressed: form.get('suppressed') === 'on',
      comment: String(form.get('comment') ?? ''),
    };
    const j = String(form.get('justification') ?? '');
    if (j) body.justification = j;
    setBusy(true);
    setError('');
    try {
      await request('POST', '/api/v2/triage', { body });
      (e.target as HTMLFormElement).querySelector<HTMLTextAreaElement>('textarea[name=comment]')!.value = '';
      history.reload();
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const t = finding.triage;
  return (
    <div class="triage">
      <p>{finding.summary}</p>
      <form onSubmit={save} aria-label={`Triage ${finding.advisory} on ${finding.component.name}`}>
        <fieldset disabled={!canTriage || busy}>
          <legend>Triage{canTriage ? '' : ' (needs the triage permission)'}</legend>
          <div class="row">
            <label>
              <span class="label">State</span>
              <select name="state">
                {triageStates.map((s) => (
                  <option key={s} value={s} selected={s === t.state}>
                    {s.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span class="label">Justification</span>
              <select name="justification">
                <option value="">none</option>
                {justifications.map((s) => (
                  <option key={s} value={s} selected={s === t.justification}>
                    {s.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </label>
            <label class="check">
              <input type="checkbox" name="suppressed" defaultChecked={t.suppressed} /> Suppressed
            </label>
          </div>
          <fieldset class="inline">
            <legend>Response</legend>
            {responses.map((r) => (
              <label key={r} class="check">
                <input type="checkbox" name="response" value={r} defaultChecked={t.response.includes(r)} /> {r.replace(/_/g, ' ')}
              </label>
            ))}
          </fieldset>
          <label>
            <span class="label">Details</span>
            <textarea name="details" rows={2} defaultValue={t.details ?? ''} />
          </label>
          <label>
            <span class="label">Comment for the audit trail</span>
            <textarea name="comment" rows={2} />
          </label>
          <button type="submit" class="primary">
            {busy ? 'Saving…' : 'Save triage'}
          </button>
          {error && (
            <span class="state error" role="alert">
              {error}
            </span>
          )}
        </fieldset>
      </form>
      <h4>Audit trail</h4>
      <Show value={history} what="the audit trail">
        {(h) =>
          h.items.length === 0 ? (
            <Empty>No decision yet.</Empty>
          ) : (
            <ol class="audit">
              {h.items.map((ev, i) => (
                <li key={i}>
                  <time dateTime={ev.at}>{when(ev.at)}</time> <strong>{ev.actor}</strong>: {ev.change}
                  {ev.comment && <q>{ev.comment}</q>}
                </li>
              ))}
            </ol>
          )
        }
      </Show>
    </div>
  );
}

const columns = (project: Project, open: string): Column<Finding>[] => [
  {
    label: 'Advisory',
    cell: (f) => (
      <>
        <a href={`/advisories/${encodeURIComponent(f.advisory)}`}>{f.advisory}</a>
        {f.aliases.length > 0 && <div class="muted small">{f.aliases.slice(0, 2).join(', ')}</div>}
      </>
    ),
  },
  { label: 'Component', className: 'purl', cell: (f) => f.component.purl || f.component.name },
  { label: 'Installed', cell: (f) => f.installedVersion },
  { label: 'Fixed in', cell: (f) => (f.fixedVersions.length ? f.fixedVersions.join(', ') : <span class="muted">no fix</span>) },
  {
    label: 'Severity',
    cell: (f) => (
      <>
        <Severity value={f.severity} />
        {f.score !== null && <span class="muted small"> {f.score}</span>}
      </>
    ),
  },
  {
    label: 'Path',
    cell: (f) => (
      <a href={`/projects/${project.uuid}?${treeView(f.component)}`}>
        {f.direct ? 'direct' : `${f.dependencyPath.length} level${f.dependencyPath.length === 1 ? '' : 's'} deep`}
      </a>
    ),
  },
  {
    label: 'Triage',
    cell: (f) => {
      const expanded = open === findingKey(f);
      return (
        <button type="button" class="link" aria-expanded={expanded} onClick={() => setQuery({ finding: expanded ? null : findingKey(f) }, true)}>
          {f.triage.state.replace(/_/g, ' ')}
          {f.triage.suppressed ? ' (suppressed)' : ''}
        </button>
      );
    },
  },
];

export function FindingsTab({ project, query, user }: { project: Project; query: URLSearchParams; user: User }) {
  const offset = pageOffset(query, pageSize);
  const suppressed = query.get('suppressed') === 'true';
  const open = query.get('finding') ?? '';
  const result = useAsync(
    (signal) => get<Page<Finding>>(`/api/v2/projects/${project.uuid}/findings`, { limit: pageSize, offset, suppressed: suppressed || undefined }, signal),
    [project.uuid, offset, suppressed],
  );
  return (
    <section>
      <label class="check">
        <input type="checkbox" checked={suppressed} onChange={(e) => setQuery({ suppressed: (e.target as HTMLInputElement).checked ? 'true' : null, page: null })} /> Show
        suppressed findings
      </label>
      <Show value={result} what="findings">
        {(page) =>
          page.total === 0 ? (
            <Empty>No findings{suppressed ? '' : ' (suppressed ones are hidden)'}.</Empty>
          ) : (
            <>
              <Table
                caption="Findings"
                columns={columns(project, open)}
                rows={page.items}
                rowKey={findingKey}
                rowClass={(f) => (open === findingKey(f) ? 'expanded' : undefined)}
                after={(f) =>
                  open === findingKey(f) && (
                    <tr key={`${findingKey(f)}-triage`} class="detail">
                      <td colSpan={7}>
                        <TriagePanel project={project} finding={f} user={user} onSaved={result.reload} />
                      </td>
                    </tr>
                  )
                }
              />
              <Pager total={page.total} offset={offset} limit={pageSize} />
            </>
          )
        }
      </Show>
    </section>
  );
}
