import type { ReactNode } from 'react';
import type { Async } from '../app/async.js';
import { t } from '../i18n/index.js';

/** A titled section of the incident page, with the loading / error / not-available states said in words. */
export function Section({
  id,
  title,
  children,
  testId,
}: {
  id: string;
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={id} data-testid={testId}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

export function Pending({ endpoint }: { endpoint: string }) {
  return (
    <p className="note" data-testid="pending-endpoint">
      {t('common.pendingEndpoint', { endpoint })}
    </p>
  );
}

/** Renders `ok` when loaded; `undefined` data means the endpoint is not on this server yet. */
export function Loaded<T>({
  a,
  endpoint,
  ok,
}: {
  a: Async<T | undefined>;
  endpoint: string;
  ok: (data: T) => ReactNode;
}) {
  if (a.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (a.state === 'error') return <p role="alert">{t('common.error', { message: a.error.message })}</p>;
  if (a.data === undefined) return <Pending endpoint={endpoint} />;
  return <>{ok(a.data)}</>;
}
