// The license policy every upload is judged by (YAML, as `kaiyuan license --policy` reads it).
import { useState } from 'preact/hooks';
import { ApiError, getText, hasPermission, request, type User } from '../api';
import { Show, useAsync, usePageTitle } from '../ui';

const example = `# Licenses (SPDX ids or expressions) and categories allowed or denied.
allow-categories: [permissive, public-domain]
deny-categories: [network-copyleft]
deny: [AGPL-3.0-only]
`;

export function Policies({ user }: { user: User }) {
  usePageTitle('Policies');
  const policy = useAsync((signal) => getText('/api/v2/license-policy', signal), []);
  const [state, setState] = useState<{ message: string; error: boolean }>({ message: '', error: false });
  const admin = hasPermission(user, 'admin');
  const save = async (e: Event) => {
    e.preventDefault();
    const text = String(new FormData(e.target as HTMLFormElement).get('policy') ?? '');
    try {
      await request('PUT', '/api/v2/license-policy', { raw: text, contentType: 'application/yaml' });
      setState({ message: 'Saved. Every current SBOM is judged again by it now.', error: false });
      policy.reload();
    } catch (err) {
      setState({ message: err instanceof ApiError ? err.message : String(err), error: true });
    }
  };
  return (
    <main id="main" tabIndex={-1}>
      <h1>License policy</h1>
      <p class="muted">
        Every component of every current SBOM is judged by this policy when it is stored, and all of them again when it changes. What breaks it shows
        on each project's “Licenses and violations” tab.
      </p>
      <Show value={policy} what="the policy">
        {(text) => (
          <form onSubmit={save} class="card">
            <label>
              <span class="label">{text ? 'The policy (YAML)' : 'No policy is set. An example:'}</span>
              <textarea name="policy" rows={14} class="code" defaultValue={text || example} readOnly={!admin} key={text} spellcheck={false} />
            </label>
            {admin ? (
              <button type="submit" class="primary">
                Save policy
              </button>
            ) : (
              <p class="muted small">Changing the policy needs the admin permission.</p>
            )}
            {state.message && (
              <p class={`state ${state.error ? 'error' : ''}`} role={state.error ? 'alert' : 'status'}>
                {state.message}
              </p>
            )}
          </form>
        )}
      </Show>
    </main>
  );
}
