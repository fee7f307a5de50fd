import { useState, type FormEvent } from 'react';
import { useAsync } from '../app/async.js';
import { useSession } from '../app/session.js';
import { api, type EvidenceItem } from '../client/endpoints.js';
import { fmtNumber, fmtUtc, t, tOr } from '../i18n/index.js';
import { CustodyTimeline } from './CustodyTimeline.js';

/** Originals of other image types are shown as their own thumbnail only when small. */
const THUMB_MAX_BYTES = 3 * 1024 * 1024;
/** The server makes thumbnails of these (GET /api/evidence/{id}/thumbnail). */
const THUMBNAILED = new Set(['image/jpeg', 'image/png']);

function Thumb({ item }: { item: EvidenceItem }) {
  const [failed, setFailed] = useState(false);
  if (item.sensitivity === 'sealed')
    return (
      <div className="thumb thumb-sealed" role="img" aria-label={t('items.sealedThumb')}>
        {t('items.sealed')}
      </div>
    );
  const digital = item.kind === 'digital';
  const src =
    digital && THUMBNAILED.has(item.mimeType ?? '')
      ? api.thumbnailUrl(item.id)
      : digital && item.mimeType?.startsWith('image/') && (item.sizeBytes ?? Infinity) <= THUMB_MAX_BYTES
        ? api.contentUrl(item.id)
        : undefined;
  if (!src || failed)
    return (
      <div className="thumb thumb-kind" aria-hidden="true">
        {tOr(`media.${item.media}`, item.media)}
      </div>
    );
  return (
    <img
      className="thumb"
      src={src}
      alt={t('items.thumbAlt', { title: item.title })}
      loading="lazy"
      width={96}
      height={96}
      onError={() => setFailed(true)}
    />
  );
}

function Item({ item }: { item: EvidenceItem }) {
  const [open, setOpen] = useState(false);
  const panel = `custody-${item.id}`;
  return (
    <li className="item" data-testid="evidence-item" data-item={item.id}>
      <Thumb item={item} />
      <div className="item-body">
        <h3 className="item-title">{item.title}</h3>
        <p className="item-meta">
          <span className={`sens sens-${item.sensitivity}`}>{t(`sensitivity.${item.sensitivity}`)}</span>{' '}
          {tOr(`media.${item.media}`, item.media)} · {item.id}
          {item.capturedAt && <> · {t('items.captured', { at: fmtUtc(item.capturedAt) })}</>}
          {item.sizeBytes !== null && <> · {t('items.size', { kb: fmtNumber(item.sizeBytes / 1024, 1) })}</>}
        </p>
        {item.description && <p>{item.description}</p>}
        <p className="item-meta">
          {item.sha256 && <code title={item.sha256}>sha256 {item.sha256.slice(0, 16)}… </code>}
          {t('items.custodian', { who: item.custody.custodian })}
          {item.custody.sealNumber && <> · {t('items.seal', { seal: item.custody.sealNumber })}</>}
        </p>
        <div className="item-actions">
          <button type="button" aria-expanded={open} aria-controls={panel} onClick={() => setOpen(!open)}>
            {open ? t('items.hideCustody') : t('items.showCustody', { n: item.eventCount })}
          </button>
          {item.sha256 && item.sensitivity !== 'sealed' && (
            <a href={api.contentUrl(item.id)} download>
              {t('items.download')}
            </a>
          )}
        </div>
        {open && (
          <div id={panel}>
            <CustodyTimeline item={item.id} />
          </div>
        )}
      </div>
    </li>
  );
}

function UploadForm({ incident, onDone }: { incident: string; onDone: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [sensitivity, setSensitivity] = useState<'public' | 'restricted' | 'sealed'>('restricted');
  const [status, setStatus] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setStatus(t('items.upload.busy'));
    try {
      const r = await api.upload(
        { incident, fileName: file.name, title: title || undefined, sensitivity },
        file,
      );
      setStatus(t('items.upload.done', { id: r.id, sha: r.sha256.slice(0, 16) }));
      setFile(null);
      setTitle('');
      onDone();
    } catch (err) {
      setStatus(t('common.error', { message: (err as Error).message }));
    }
  };
  return (
    <form className="upload" onSubmit={(e) => void submit(e)} aria-label={t('items.upload.label')}>
      <label>
        {t('items.upload.file')}{' '}
        <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label>
        {t('items.upload.title')} <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('items.upload.sensitivity')}{' '}
        <select value={sensitivity} onChange={(e) => setSensitivity(e.target.value as typeof sensitivity)}>
          <option value="public">{t('sensitivity.public')}</option>
          <option value="restricted">{t('sensitivity.restricted')}</option>
          <option value="sealed">{t('sensitivity.sealed')}</option>
        </select>
      </label>
      <button type="submit" disabled={!file}>
        {t('items.upload.submit')}
      </button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}

/** The incident's evidence the caller may see (the server filters; sealed items are never fetched here). */
export function ItemsSection({ incident }: { incident: string }) {
  const s = useSession();
  const [version, setVersion] = useState(0);
  const items = useAsync(() => api.evidence({ incident, limit: 500 }), [incident, version]);
  return (
    <>
      {items.state === 'loading' && <p role="status">{t('common.loading')}</p>}
      {items.state === 'error' && <p role="alert">{t('common.error', { message: items.error.message })}</p>}
      {items.state === 'ok' &&
        (items.data.items.length === 0 ? (
          <p>{t('items.none')}</p>
        ) : (
          <ul className="items">
            {items.data.items.map((it) => (
              <Item key={it.id} item={it} />
            ))}
          </ul>
        ))}
      {items.state === 'ok' && items.data.nextCursor && <p className="note">{t('items.more')}</p>}
      {s.me?.can.upload && <UploadForm incident={incident} onDone={() => setVersion((v) => v + 1)} />}
    </>
  );
}
