import { useState } from 'preact/hooks';
import { ApiError, request, type Session } from '../api';
import { usePageTitle } from '../ui';

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  usePageTitle('Sign in');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      const s = await request<Session>('POST', '/api/v2/session', {
        body: { name: String(form.get('name') ?? ''), password: String(form.get('password') ?? '') },
      });
      onSignedIn(s);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="signin" tabIndex={-1}>
      <h1>
        kaiyuan <span lang="zh">开源</span>
      </h1>
      <p class="muted">What we ship, what binds us, what hits us.</p>
      <form onSubmit={submit} class="card">
        <label>
          <span class="label">Name</span>
          <input name="name" autoComplete="username" required autoFocus />
        </label>
        <label>
          <span class="label">Password</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p class="state error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="muted small">
        No account? An administrator makes one with <code>kaiyuan user create</code>. Machines use API keys.
      </p>
    </main>
  );
}
