import { useState, type UIEvent } from 'react';
import { hrefOf } from '../app/router.js';
import { OUTCOMES, type PointSet } from '../data/points.js';
import { fmtNumber, fmtUtc, t } from '../i18n/index.js';

const ROW = 34;
const VIEW = 420;

/**
 * The incidents of the window, as a table that stays fast at 100,000 rows: only the rows in view are in the DOM
 * (spacer rows keep the scroll height). Each id is a link, so the list is the keyboard route into the map's data.
 */
export function IncidentList({ points, range }: { points: PointSet; range: readonly [number, number] }) {
  const [top, setTop] = useState(0);
  const [start, end] = range;
  const n = end - start;
  const first = Math.max(0, Math.floor(top / ROW) - 5);
  const last = Math.min(n, Math.ceil((top + VIEW) / ROW) + 5);
  const rows = [];
  for (let k = first; k < last; k++) {
    const i = start + k;
    const ty = points.type[i]!;
    rows.push(
      <tr key={points.id[i]} style={{ height: ROW }} aria-rowindex={k + 2}>
        <td>
          <a href={hrefOf({ name: 'incident', id: points.id[i]! })}>{points.id[i]}</a>
        </td>
        <td>{fmtUtc(points.t[i]!)}</td>
        <td>{points.region[i] ?? t('common.unknown')}</td>
        <td>{t(`outcome.${OUTCOMES[points.outcome[i]!]!}`)}</td>
        <td>{ty < 0 ? t('legend.unidentified') : points.types[ty]}</td>
      </tr>,
    );
  }
  return (
    <section className="incident-list" aria-labelledby="list-title">
      <h2 id="list-title">
        {t('list.title')} <span className="count">{t('list.count', { n: fmtNumber(n) })}</span>
      </h2>
      {n === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <div
          className="list-scroll"
          style={{ maxHeight: VIEW }}
          onScroll={(e: UIEvent<HTMLDivElement>) => setTop(e.currentTarget.scrollTop)}
          tabIndex={0}
          aria-label={t('list.scrollLabel')}
        >
          <table aria-rowcount={n + 1}>
            <thead>
              <tr aria-rowindex={1}>
                <th scope="col">{t('list.id')}</th>
                <th scope="col">{t('list.time')}</th>
                <th scope="col">{t('list.region')}</th>
                <th scope="col">{t('list.outcome')}</th>
                <th scope="col">{t('list.type')}</th>
              </tr>
            </thead>
            <tbody>
              {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW }} />}
              {rows}
              {last < n && <tr aria-hidden="true" style={{ height: (n - last) * ROW }} />}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
