// The shell: who is signed in, the navigation, and which page the URL names.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, request, setSession, whenSignedOut, type Session, type User } from './api';
import { navigate, onLinkClick, useLocation } from './router';
import { Loading } from './ui';
import { SignIn } from './pages/signin';
import { Dashboard } from './pages/dashboard';
import { Emergency } from './pages/emergency';
import { Projects } from './pages/projects';
import { ProjectPage } from './pages/project/project';
import { Components } from './pages/components';
import { Advisories, AdvisoryPage } from './pages/advisories';
import { Policies } from './pages/policies';
import { Admin } from './pages/admin';

const nav: [string, string][] = [
  ['/', 'Dashboard'],
  ['/emergency', 'Emergency'],
  ['/projects', 'Projects'],
  ['/components', 'Components'],
  ['/advisories', 'Advisories'],
  ['/policies', 'Policies'],
  ['/admin', 'Administration'],
];

function page(path: string, query: URLSearchParams, user: User) {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0] ?? '') {
    case '':
      return <Dashboard />;
    case 'emergency':
      return <Emergency query={query} />;
    case 'projects':
      return parts[1] ? <ProjectPage uuid={parts[1]} query={query} user={user} /> : <Projects query={query} user={user} />;
    case 'components':
      return <Components query={query} />;
    case 'advisories':
      return parts[1] ? <AdvisoryPage id={parts[1]} query={query} /> : <Advisories query={query} />;
    case 'policies':
      return <Policies user={user} />;
    case 'admin':
      return <Admin query={query} user={user} />;
    default:
      return (
        <main id="main" tabIndex={-1}>
          <h1>Not found</h1>
          <p>
            There is no page at {path}. <a href="/">Go to the dashboard</a>.
          </p>
        </main>
      );
  }
}

export function App() {
  const loc = useLocation();
  const [session, setSessionState] = useState<Session | null | undefined>(undefined);
  const [menu, setMenu] = useState(false);

  const signedIn = (s: Session | null) => {
    setSession(s);
    setSessionState(s);
  };

  useEffect(() => {
    whenSignedOut(() => signedIn(null));
    request<Session | { user: null }>('GET', '/api/v2/session').then(
      (s) => signedIn(s.user ? (s as Session) : null),
      (e: ApiError) => {
        console.warn(`kaiyuan: ${e.message}`);
        signedIn(null);
      },
    );
  }, []);

  useEffect(() => setMenu(false), [loc.path, loc.query.toString()]);

  if (session === undefined) return <Loading what="kaiyuan" />;
  if (session === null)
    return (
      <div onClick={onLinkClick}>
        <SignIn
          onSignedIn={(s) => {
            signedIn(s);
            const next = new URLSearchParams(window.location.search).get('next');
            if (loc.path === '/signin') navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', true);
          }}
        />
      </div>
    );
  if (loc.path === '/signin') {
    navigate('/', true);
    return null;
  }

  const signOut = async () => {
    try {
      await request('DELETE', '/api/v2/session');
    } finally {
      signedIn(null);
      navigate('/signin', true);
    }
  };
  const section = '/' + (loc.path.split('/')[1] ?? '');

  return (
    <div class="shell" onClick={onLinkClick}>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href="/">
          kaiyuan <span lang="zh">开源</span>
        </a>
        <button type="button" class="menu-toggle" aria-expanded={menu} aria-controls="nav" onClick={() => setMenu(!menu)}>
          Menu
        </button>
        <nav id="nav" class={menu ? 'open' : ''} aria-label="Main">
          {nav
            .filter(([href]) => href !== '/admin' || session.user.permissions.includes('admin'))
            .map(([href, label]) => (
              <a key={href} href={href} aria-current={section === href ? 'page' : undefined}>
                {label}
              </a>
            ))}
        </nav>
        <div class="who">
          <span title={`teams: ${session.user.teams.join(', ')}`}>{session.user.name}</span>
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      {page(loc.path, loc.query, session.user)}
    </div>
  );
}
