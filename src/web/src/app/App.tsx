import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../client/endpoints.js';
import { ApiError } from '../client/http.js';
import { loadPoints, type Loaded } from '../data/load.js';
import type { TimeWindow } from '../data/points.js';
import { fmtNumber, t } from '../i18n/index.js';
import { IncidentPage } from '../incident/IncidentPage.js';
import { LoginPage } from '../login/LoginPage.js';
import { StatsPage } from '../stats/StatsPage.js';
import { Overview } from './Overview.js';
import { hrefOf, navigate, useRoute, type Route } from './router.js';
import { useSession } from './session.js';

function Header({ route }: { route: Route }) {
  const s = useSession();
  const link = (r: Route, label: string) => (
    <a href={hrefOf(r)} aria-current={route.name === r.name ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <header className="top">
      <a className="brand" href="#/">
        {t('app.name')}
      </a>
      <nav aria-label={t('nav.label')}>
        {link({ name: 'overview' }, t('nav.map'))}
        {link({ name: 'stats' }, t('nav.stats'))}
      </nav>
      <div className="who">
        {s.me && s.signedIn && (
          <>
            <span data-testid="who">
              {t('session.signedInAs', { user: s.me.user })}{' '}
              <span className={`role role-${s.me.role}`}>{t(`role.${s.me.role as 'viewer'}`)}</span>
            </span>
            <button
              type="button"
              onClick={() => void s.logout().then(() => navigate({ name: 'login', next: '#/' }))}
            >
              {t('session.signOut')}
            </button>
          </>
        )}
        {s.me && !s.signedIn && s.publicReadOnly && (
          <span className="role">{t('session.publicReadOnly')}</span>
        )}
        {s.me && !s.signedIn && !s.publicReadOnly && route.name !== 'login' && (
          <a href={hrefOf({ name: 'login', next: window.location.hash || '#/' })}>{t('session.signIn')}</a>
        )}
      </div>
    </header>
  );
}

/** Loads the incidents once per sign-in and routes between the views. */
export function App() {
  const route = useRoute();
  const s = useSession();
  const [data, setData] = useState<Loaded | null>(null);
  const [admin, setAdmin] = useState<FeatureCollection | null>(null);
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [win, setWin] = useState<TimeWindow | null>(null);
  const mayRead = s.signedIn || s.publicReadOnly;
  const who = s.me ? `${s.me.user}:${s.me.role}` : '';

  const load = useCallback(() => {
    setData(null);
    setError(null);
    loadPoints(setProgress).then(setData, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) void s.refresh();
      else setError((e as Error).message);
    });
    api.boundaries().then(
      (b) => setAdmin(b as FeatureCollection),
      () => setAdmin(null),
    );
  }, [s]);

  useEffect(() => {
    if (mayRead) load();
    else setData(null);
    // Reload when the principal changes: what one may see depends on who one is.
  }, [mayRead, who]);

  useEffect(() => {
    if (s.me && !mayRead && route.name !== 'login')
      navigate({ name: 'login', next: window.location.hash || '#/' });
  }, [s.me, mayRead, route.name]);

  let body;
  if (!s.me) body = <p role="status">{t('common.loading')}</p>;
  else if (route.name === 'login') body = <LoginPage next={route.next} />;
  else if (!mayRead) body = <p role="status">{t('session.needSignIn')}</p>;
  else if (route.name === 'incident') body = <IncidentPage id={route.id} />;
  else if (route.name === 'stats') body = <StatsPage window={win} />;
  else if (route.name === 'not-found') body = <p>{t('common.notFound', { path: route.path })}</p>;
  else if (error) body = <p role="alert">{t('common.error', { message: error })}</p>;
  else if (!data) body = <p role="status">{t('overview.loading', { n: fmtNumber(progress) })}</p>;
  else body = <Overview points={data.points} via={data.via} admin={admin} window={win} onWindow={setWin} />;

  return (
    <>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        {body}
      </main>
      <footer className="foot">{t('app.footer')}</footer>
    </>
  );
}
