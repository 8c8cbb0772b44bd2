// Administration: users, teams (their permissions, members and grants), API keys and webhooks,
// each through the same admin routes a script would call.
import { useState } from 'preact/hooks';
import { ApiError, get, request, type User } from '../api';
import { count, when } from '../format';
import { Empty, Show, Table, Tabs, useAsync, usePageTitle } from '../ui';

const permissions = ['read', 'upload', 'triage', 'admin', 'sign'];
const events = ['finding.new', 'advisory.affecting', 'policy.violation', 'upload.processed', 'upload.failed'];

interface Team {
  name: string;
  permissions: string[];
  members: string[];
  tags: string[];
  projects: number;
  keys: number;
}
interface Key {
  id: string;
  team: string;
  permissions: string[];
  comment: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
interface Webhook {
  uuid: string;
  url: string;
  events: string[];
  minSeverity: string | null;
  team: string;
  createdAt: string;
  pending: number;
  delivered: number;
  failed: number;
}

/// Runs an action, shows its error, and reloads what it changed.
function useAction(reload: () => void) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (f: () => Promise<unknown>, done?: string) => {
    setMessage(null);
    try {
      await f();
      if (done) setMessage({ text: done, error: false });
      reload();
      return true;
    } catch (e) {
      setMessage({ text: e instanceof ApiError ? e.message : String(e), error: true });
      return false;
    }
  };
  const view = message && (
    <p class={`state ${message.error ? 'error' : ''}`} role={message.error ? 'alert' : 'status'}>
      {message.text}
    </p>
  );
  return { run, view };
}

function DeleteButton({ what, onDelete }: { what: string; onDelete: () => void }) {
  return (
    <button type="button" class="danger" onClick={() => window.confirm(`Delete ${what}?`) && onDelete()}>
      Delete
    </button>
  );
}

function checks(name: string, values: string[], checked: string[] = []) {
  return values.map((v) => (
    <label key={v} class="check">
      <input type="checkbox" name={name} value={v} defaultChecked={checked.includes(v)} /> {v}
    </label>
  ));
}

function Users({ me }: { me: User }) {
  const users = useAsync((signal) => get<{ items: User[] }>('/api/v2/users', undefined, signal), []);
  const teams = useAsync((signal) => get<{ items: Team[] }>('/api/v2/teams', undefined, signal), []);
  const { run, view } = useAction(users.reload);
  const create = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    run(
      () => request('POST', '/api/v2/users', { body: { name: String(f.get('name')), password: String(f.get('password')), teams: f.getAll('teams').map(String) } }),
      `User ${f.get('name')} created.`,
    ).then((ok) => ok && form.reset());
  };
  return (
    <>
      <Show value={users} what="users">
        {(u) => (
          <Table
            caption="Users"
            rows={u.items}
            rowKey={(x) => x.name}
            rowClass={(x) => (x.disabled ? 'old' : undefined)}
            columns={[
              {
                label: 'Name',
                cell: (x) => (
                  <>
                    {x.name}
                    {x.disabled && <span class="tag">disabled</span>}
                  </>
                ),
              },
              { label: 'Teams', cell: (x) => x.teams.join(', ') || '—' },
              { label: 'Permissions', cell: (x) => x.permissions.join(', ') || '—' },
              { label: 'Last sign-in', cell: (x) => when(x.lastLoginAt) },
              {
                label: 'Actions',
                className: 'actions',
                cell: (x) =>
                  x.name !== me.name && (
                    <>
                      <button type="button" onClick={() => run(() => request('PATCH', `/api/v2/users/${encodeURIComponent(x.name)}`, { body: { disabled: !x.disabled } }))}>
                        {x.disabled ? 'Enable' : 'Disable'}
                      </button>
                      <DeleteButton what={`user ${x.name}`} onDelete={() => run(() => request('DELETE', `/api/v2/users/${encodeURIComponent(x.name)}`))} />
                    </>
                  ),
              },
            ]}
          />
        )}
      </Show>
      {view}
      <form class="card" onSubmit={create}>
        <h2>New user</h2>
        <div class="row">
          <label>
            <span class="label">Name</span>
            <input name="name" required autoComplete="off" />
          </label>
          <label>
            <span class="label">Password (8 or more characters)</span>
            <input name="password" type="password" minLength={8} required autoComplete="new-password" />
          </label>
        </div>
        <fieldset class="inline">
          <legend>Teams</legend>
          {teams.data ? checks('teams', teams.data.items.map((t) => t.name)) : '…'}
        </fieldset>
        <button type="submit" class="primary">
          Create user
        </button>
      </form>
    </>
  );
}

function Teams() {
  const teams = useAsync((signal) => get<{ items: Team[] }>('/api/v2/teams', undefined, signal), []);
  const { run, view } = useAction(teams.reload);
  const save = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const name = String(f.get('name')).trim();
    run(() => request('PUT', `/api/v2/teams/${encodeURIComponent(name)}`, { body: { permissions: f.getAll('permissions').map(String) } }), `Team ${name} saved.`).then(
      (ok) => ok && form.reset(),
    );
  };
  const grant = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const team = String(f.get('team'));
    const what = String(f.get('what')).trim();
    const body = /^[0-9a-f-]{36}$/i.test(what) ? { project: what } : { tag: what };
    run(() => request('POST', `/api/v2/teams/${encodeURIComponent(team)}/grants`, { body }), `Granted ${what} to ${team}.`);
  };
  return (
    <>
      <Show value={teams} what="teams">
        {(t) =>
          t.items.length === 0 ? (
            <Empty>No teams.</Empty>
          ) : (
            <Table
              caption="Teams"
              rows={t.items}
              rowKey={(x) => x.name}
              columns={[
                { label: 'Team', cell: (x) => x.name },
                { label: 'Permissions', cell: (x) => x.permissions.join(', ') || '—' },
                { label: 'Members', cell: (x) => x.members.join(', ') || '—' },
                {
                  label: 'Sees',
                  cell: (x) =>
                    x.permissions.includes('admin')
                      ? 'everything'
                      : `${count(x.projects)} project${x.projects === 1 ? '' : 's'}${x.tags.length ? `; tags ${x.tags.join(', ')}` : ''}`,
                },
                { label: 'Keys', num: true, cell: (x) => count(x.keys) },
                {
                  label: 'Actions',
                  cell: (x) => <DeleteButton what={`team ${x.name}, its keys and grants`} onDelete={() => run(() => request('DELETE', `/api/v2/teams/${encodeURIComponent(x.name)}`))} />,
                },
              ]}
            />
          )
        }
      </Show>
      {view}
      <div class="grid two">
        <form class="card" onSubmit={save}>
          <h2>Make a team, or set its permissions</h2>
          <label>
            <span class="label">Team</span>
            <input name="name" required />
          </label>
          <fieldset class="inline">
            <legend>Permissions its members get</legend>
            {checks('permissions', permissions)}
          </fieldset>
          <button type="submit" class="primary">
            Save team
          </button>
        </form>
        <form class="card" onSubmit={grant}>
          <h2>Grant a team a project or a tag</h2>
          <label>
            <span class="label">Team</span>
            <select name="team" required>
              {(teams.data?.items ?? []).map((x) => (
                <option key={x.name}>{x.name}</option>
              ))}
            </select>
          </label>
          <label>
            <span class="label">Project UUID, or a tag</span>
            <input name="what" required />
          </label>
          <button type="submit" class="primary">
            Grant
          </button>
        </form>
      </div>
    </>
  );
}

function Keys() {
  const keys = useAsync((signal) => get<{ items: Key[] }>('/api/v2/keys', undefined, signal), []);
  const [made, setMade] = useState('');
  const { run, view } = useAction(keys.reload);
  const create = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    run(async () => {
      const k = await request<{ key: string }>('POST', '/api/v2/keys', {
        body: { team: String(f.get('team')).trim(), permissions: f.getAll('permissions').map(String), comment: String(f.get('comment') ?? '') },
      });
      setMade(k.key);
    });
  };
  return (
    <>
      <Show value={keys} what="keys">
        {(k) =>
          k.items.length === 0 ? (
            <Empty>No API keys.</Empty>
          ) : (
            <Table
              caption="API keys"
              rows={k.items}
              rowKey={(x) => x.id}
              rowClass={(x) => (x.revokedAt ? 'old' : undefined)}
              columns={[
                { label: 'Id', className: 'purl', cell: (x) => x.id },
                { label: 'Team', cell: (x) => x.team },
                { label: 'Permissions', cell: (x) => x.permissions.join(', ') },
                { label: 'Comment', cell: (x) => x.comment || '—' },
                { label: 'Last used', cell: (x) => when(x.lastUsedAt) },
                {
                  label: 'Actions',
                  cell: (x) =>
                    x.revokedAt ? (
                      <span class="muted">revoked {when(x.revokedAt)}</span>
                    ) : (
                      <button type="button" class="danger" onClick={() => run(() => request('DELETE', `/api/v2/keys/${x.id}`))}>
                        Revoke
                      </button>
                    ),
                },
              ]}
            />
          )
        }
      </Show>
      {view}
      {made && (
        <div class="card made" role="status">
          <p>The new key, shown this once (only its hash is kept):</p>
          <input readOnly value={made} aria-label="New API key" onFocus={(e) => (e.target as HTMLInputElement).select()} />
        </div>
      )}
      <form class="card" onSubmit={create}>
        <h2>New API key</h2>
        <div class="row">
          <label>
            <span class="label">Team</span>
            <input name="team" required />
          </label>
          <label>
            <span class="label">Comment</span>
            <input name="comment" placeholder="what it is for" />
          </label>
        </div>
        <fieldset class="inline">
          <legend>Permissions</legend>
          {checks('permissions', permissions, ['read'])}
        </fieldset>
        <button type="submit" class="primary">
          Create key
        </button>
      </form>
    </>
  );
}

function Webhooks() {
  const hooks = useAsync((signal) => get<{ items: Webhook[] }>('/api/v2/webhooks', undefined, signal), []);
  const [secret, setSecret] = useState('');
  const { run, view } = useAction(hooks.reload);
  const create = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const min = String(f.get('minSeverity') ?? '');
    run(async () => {
      const h = await request<{ secret: string }>('POST', '/api/v2/webhooks', {
        body: { url: String(f.get('url')).trim(), events: f.getAll('events').map(String), ...(min ? { minSeverity: min } : {}) },
      });
      setSecret(h.secret);
    });
  };
  return (
    <>
      <Show value={hooks} what="webhooks">
        {(h) =>
          h.items.length === 0 ? (
            <Empty>No webhooks.</Empty>
          ) : (
            <Table
              caption="Webhooks"
              rows={h.items}
              rowKey={(x) => x.uuid}
              columns={[
                { label: 'URL', className: 'purl', cell: (x) => x.url },
                { label: 'Events', cell: (x) => (x.events.length ? x.events.join(', ') : 'all') },
                { label: 'Team', cell: (x) => x.team },
                { label: 'Delivered', num: true, cell: (x) => count(x.delivered) },
                { label: 'Pending', num: true, cell: (x) => count(x.pending) },
                { label: 'Failed', num: true, cell: (x) => count(x.failed) },
                {
                  label: 'Actions',
                  cell: (x) => <DeleteButton what={`the webhook to ${x.url}`} onDelete={() => run(() => request('DELETE', `/api/v2/webhooks/${x.uuid}`))} />,
                },
              ]}
            />
          )
        }
      </Show>
      {view}
      {secret && (
        <div class="card made" role="status">
          <p>The webhook's signing secret (HMAC-SHA256), shown this once:</p>
          <input readOnly value={secret} aria-label="Webhook secret" />
        </div>
      )}
      <form class="card" onSubmit={create}>
        <h2>New webhook</h2>
        <label>
          <span class="label">URL</span>
          <input name="url" type="url" required placeholder="https://chat.example.org/hooks/kaiyuan" />
        </label>
        <fieldset class="inline">
          <legend>Events (none: all)</legend>
          {checks('events', events)}
        </fieldset>
        <label>
          <span class="label">Findings at least</span>
          <select name="minSeverity">
            <option value="">any severity</option>
            <option value="low">low</option>
            <option value="medium">medium</option>
            <option value="high">high</option>
            <option value="critical">critical</option>
          </select>
        </label>
        <button type="submit" class="primary">
          Create webhook
        </button>
      </form>
    </>
  );
}

export function Admin({ query, user }: { query: URLSearchParams; user: User }) {
  usePageTitle('Administration');
  const tab = query.get('tab') ?? 'users';
  if (!user.permissions.includes('admin'))
    return (
      <main id="main" tabIndex={-1}>
        <h1>Administration</h1>
        <p class="state error">This needs the admin permission.</p>
      </main>
    );
  return (
    <main id="main" tabIndex={-1}>
      <h1>Administration</h1>
      <Tabs
        tabs={[
          ['users', 'Users'],
          ['teams', 'Teams'],
          ['keys', 'API keys'],
          ['webhooks', 'Webhooks'],
        ]}
        active={tab}
      />
      {tab === 'users' && <Users me={user} />}
      {tab === 'teams' && <Teams />}
      {tab === 'keys' && <Keys />}
      {tab === 'webhooks' && <Webhooks />}
    </main>
  );
}
