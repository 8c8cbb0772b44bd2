// The SBOMs uploaded to a project, downloadable in every format kaiyuan writes, and an upload
// form that follows the job until the SBOM is stored.
import { useState } from 'preact/hooks';
import { ApiError, get, hasPermission, request, type User } from '../../api';
import { bytes, count, when } from '../../format';
import { navigate } from '../../router';
import type { Project, Sbom } from '../../types';
import { Empty, Pager, Show, Table, pageOffset, useAsync, type Column } from '../../ui';

const formats: [string, string][] = [
  ['original', 'as uploaded'],
  ['cyclonedx-json', 'CycloneDX JSON'],
  ['cyclonedx-xml', 'CycloneDX XML'],
  ['spdx-json', 'SPDX 2.3 JSON'],
  ['spdx-tv', 'SPDX 2.3 tag-value'],
  ['spdx3-json', 'SPDX 3.0 JSON-LD'],
];

interface Job {
  status: string;
  error: string | null;
  sbom: string | null;
}

export function UploadForm({ project, onDone }: { project: Project; onDone?: () => void }) {
  const [state, setState] = useState<{ busy: boolean; message: string; error: boolean }>({ busy: false, message: '', error: false });
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    const source = (form.elements.namedItem('source') as HTMLInputElement).value.trim();
    if (!file) return setState({ busy: false, message: 'Choose an SBOM file first.', error: true });
    setState({ busy: true, message: `Uploading ${file.name}…`, error: false });
    try {
      const up = await request<{ token: string }>('POST', `/api/v2/projects/${project.uuid}/sboms`, {
        query: { source },
        raw: file,
        contentType: 'application/octet-stream',
      });
      setState({ busy: true, message: 'Processing…', error: false });
      for (let i = 0; i < 600; i++) {
        const job = await get<Job>(`/api/v2/jobs/${up.token}`);
        if (job.status === 'done') {
          setState({ busy: false, message: `${file.name} is stored.`, error: false });
          form.reset();
          onDone?.();
          navigate(`/projects/${project.uuid}?tab=components`);
          return;
        }
        if (job.status === 'failed') {
          setState({ busy: false, message: `The SBOM was refused: ${job.error ?? 'unknown reason'}`, error: true });
          return;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      setState({ busy: false, message: 'Still processing; look again in a minute.', error: false });
    } catch (err) {
      setState({ busy: false, message: err instanceof ApiError ? err.message : String(err), error: true });
    }
  };
  return (
    <form class="card upload" onSubmit={submit}>
      <h2>Upload an SBOM</h2>
      <p class="muted small">CycloneDX (JSON, XML) or SPDX (2.3 JSON or tag-value, 3.0 JSON-LD). It replaces the current SBOM of the same source.</p>
      <div class="row">
        <label>
          <span class="label">SBOM file</span>
          <input type="file" name="file" accept=".json,.xml,.spdx,.cdx,.txt" required />
        </label>
        <label>
          <span class="label">Source (optional)</span>
          <input name="source" placeholder="e.g. container, backend" />
        </label>
        <button type="submit" class="primary" disabled={state.busy}>
          Upload
        </button>
      </div>
      {state.message && (
        <p class={`state ${state.error ? 'error' : ''}`} role={state.error ? 'alert' : 'status'}>
          {state.message}
        </p>
      )}
    </form>
  );
}

const sbomColumns: Column<Sbom>[] = [
  {
    label: 'Uploaded',
    cell: (x) => (
      <>
        {when(x.uploadedAt)}
        {x.current && <span class="tag">current</span>}
      </>
    ),
  },
  { label: 'Source', cell: (x) => x.source || '—' },
  { label: 'Format', cell: (x) => `${x.format} ${x.specVersion}` },
  { label: 'Components', num: true, cell: (x) => count(x.componentCount) },
  { label: 'Size', num: true, cell: (x) => bytes(x.size) },
  { label: 'By', cell: (x) => x.uploadedBy ?? '—' },
  {
    label: 'Download',
    cell: (x) => (
      <details class="downloads">
        <summary>Formats</summary>
        <ul class="plain">
          {formats.map(([f, label]) => (
            <li key={f}>
              <a href={`/api/v2/sboms/${x.uuid}/content?format=${f}`} download>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </details>
    ),
  },
];

export function SbomsTab({ project, user, query }: { project: Project; user: User; query: URLSearchParams }) {
  const offset = pageOffset(query, 50);
  const sboms = useAsync(
    (signal) => get<{ items: Sbom[]; total: number }>(`/api/v2/projects/${project.uuid}/sboms`, { limit: 50, offset }, signal),
    [project.uuid, offset],
  );
  return (
    <section>
      <Show value={sboms} what="SBOMs">
        {(s) =>
          s.total === 0 ? (
            <Empty>No SBOM uploaded yet.</Empty>
          ) : (
            <>
            <Table caption="SBOMs" columns={sbomColumns} rows={s.items} rowKey={(x) => x.uuid} rowClass={(x) => (x.current ? undefined : 'old')} />
            <Pager total={s.total} offset={offset} limit={50} />
            </>
          )
        }
      </Show>
      {hasPermission(user, 'upload') && <UploadForm project={project} onDone={sboms.reload} />}
    </section>
  );
}
