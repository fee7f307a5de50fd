import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { CustodyAction, CustodyLog } from '../../../contract/index.js';
import { useAsync } from '../app/async.js';
import { useSession } from '../app/session.js';
import { api } from '../client/endpoints.js';
import { fmtUtc, t, tOr } from '../i18n/index.js';

type Log = z.infer<typeof CustodyLog>;

export interface ChainCheck {
  /** null when this browser cannot hash (no WebCrypto outside a secure context). */
  readonly perEvent: readonly (boolean | null)[];
  readonly intact: boolean | null;
}

const hex = (b: ArrayBuffer): string =>
  [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

/**
 * Re-checks the chain here, independently of the server's `chainIntact`: each event's SHA-256 over its canonical
 * record must equal its stored hash, and each must point to the previous event of the item. (Signatures are
 * checked by `salvo verify`; the browser shows the key id.)
 */
export async function checkChain(log: Log): Promise<ChainCheck> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return { perEvent: log.events.map(() => null), intact: null };
  const perEvent: boolean[] = [];
  let prev: string | null = null;
  for (const e of log.events) {
    const digest = hex(await subtle.digest('SHA-256', new TextEncoder().encode(e.record)));
    perEvent.push(digest === e.hash && e.itemPrevHash === prev);
    prev = e.hash;
  }
  return { perEvent, intact: perEvent.every(Boolean) };
}

/** The fields of a record worth reading (its `details`, and when it was logged), flattened to `a.b` keys. */
function details(record: string): [string, string][] {
  try {
    const r = JSON.parse(record) as Record<string, unknown>;
    const out: [string, string][] = [];
    const walk = (o: Record<string, unknown>, prefix: string) => {
      for (const [k, v] of Object.entries(o)) {
        if (v && typeof v === 'object' && !Array.isArray(v))
          walk(v as Record<string, unknown>, `${prefix}${k}.`);
        else if (v !== null && v !== undefined && v !== '') out.push([`${prefix}${k}`, String(v)]);
      }
    };
    if (r.details && typeof r.details === 'object') walk(r.details as Record<string, unknown>, '');
    if (typeof r.loggedAt === 'string') out.push(['loggedAt', r.loggedAt]);
    return out.slice(0, 16);
  } catch {
    return [];
  }
}

function RecordForm({ item, onDone }: { item: string; onDone: () => void }) {
  const [event, setEvent] = useState<CustodyAction['event']>('annotated');
  const [text, setText] = useState('');
  const [place, setPlace] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const base = place ? { place } : {};
    const action: CustodyAction =
      event === 'annotated'
        ? { event, note: text, ...base }
        : event === 'transferred'
          ? { event, to: text, ...base }
          : { event, seal: text, ...base };
    try {
      await api.recordCustody(item, action);
      setText('');
      onDone();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const fieldLabel =
    event === 'annotated'
      ? t('custody.form.note')
      : event === 'transferred'
        ? t('custody.form.to')
        : t('custody.form.seal');
  return (
    <form className="custody-form" onSubmit={(e) => void submit(e)} aria-label={t('custody.form.label')}>
      <label>
        {t('custody.form.event')}{' '}
        <select value={event} onChange={(e) => setEvent(e.target.value as CustodyAction['event'])}>
          <option value="annotated">{t('custody.event.annotated')}</option>
          <option value="transferred">{t('custody.event.transferred')}</option>
          <option value="sealed">{t('custody.event.sealed')}</option>
        </select>
      </label>
      <label>
        {fieldLabel} <input required value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <label>
        {t('custody.form.place')} <input value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <button type="submit">{t('custody.form.submit')}</button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/** The custody log of one item, newest last, with the chain's verification shown on every event. */
export function CustodyTimeline({ item }: { item: string }) {
  const s = useSession();
  const [version, setVersion] = useState(0);
  const log = useAsync(() => api.custody(item), [item, version]);
  const [check, setCheck] = useState<ChainCheck | null>(null);
  useEffect(() => {
    setCheck(null);
    if (log.state === 'ok') void checkChain(log.data).then(setCheck);
  }, [log]);

  if (log.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (log.state === 'error') return <p role="alert">{t('common.error', { message: log.error.message })}</p>;
  const l = log.data;
  const verified = l.chainIntact && check?.intact !== false;
  return (
    <div className="custody" data-testid="custody-timeline">
      <p className={`chain ${verified ? 'ok' : 'bad'}`} role="status" data-verified={verified ? 'yes' : 'no'}>
        <span aria-hidden="true">{verified ? '✔' : '✘'}</span>{' '}
        {l.chainIntact ? t('custody.serverOk') : t('custody.serverBad')}{' '}
        {check === null
          ? t('custody.browserChecking')
          : check.intact === null
            ? t('custody.browserUnavailable')
            : check.intact
              ? t('custody.browserOk')
              : t('custody.browserBad')}
      </p>
      <ol className="events">
        {l.events.map((e, k) => {
          const ok = check?.perEvent[k];
          return (
            <li key={e.index} className={ok === false ? 'bad' : ok ? 'ok' : ''}>
              <div className="event-head">
                <span className="event-name">{tOr(`custody.event.${e.event}`, e.event)}</span>{' '}
                <time dateTime={e.at}>{fmtUtc(e.at)}</time> · {t('custody.by', { actor: e.actor })}
                <span className={`badge ${ok === false ? 'bad' : ok ? 'ok' : ''}`}>
                  {ok === undefined || ok === null
                    ? t('custody.unchecked')
                    : ok
                      ? t('custody.verified')
                      : t('custody.notVerified')}
                </span>
              </div>
              <dl className="event-details">
                {details(e.record).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
              <p className="hash">
                <code title={e.hash}>
                  #{e.index} {e.hash.slice(0, 16)}…
                </code>{' '}
                · {t('custody.key', { key: e.keyId })}
              </p>
            </li>
          );
        })}
      </ol>
      {s.me?.can.recordCustody && <RecordForm item={item} onDone={() => setVersion((v) => v + 1)} />}
    </div>
  );
}
