import { useState, type FormEvent } from 'react';
import { useSession } from '../app/session.js';
import { ApiError } from '../client/http.js';
import { t } from '../i18n/index.js';

/** Sign in with a user name and password (a session cookie; the CSRF token is kept for this tab only). */
export function LoginPage({ next }: { next: string }) {
  const s = useSession();
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (s.publicReadOnly) return <p>{t('login.publicReadOnly')}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await s.login(user, password);
      window.location.hash = next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/';
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? t('login.failed')
          : err instanceof ApiError && err.status === 429
            ? t('login.rateLimited', { message: err.message })
            : t('common.error', { message: (err as Error).message }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {s.signedIn && s.me && <p>{t('login.already', { user: s.me.user })}</p>}
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="login-user">{t('login.user')}</label>
        <input
          id="login-user"
          name="user"
          autoComplete="username"
          required
          value={user}
          onChange={(e) => setUser(e.target.value)}
        />
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
