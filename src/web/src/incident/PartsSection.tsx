import type { ComponentList } from '../../../contract/index.js';
import { fmtPct, t } from '../i18n/index.js';

/** Components read off the fragments, their date codes, and the earliest possible assembly date. */
export function PartsSection({ data }: { data: ComponentList }) {
  const ea = data.earliestAssembly;
  return (
    <>
      {ea ? (
        <p className="assembly" data-testid="earliest-assembly">
          <strong>{t('parts.notBefore', { date: ea.notBefore })}</strong> {ea.sentence}
        </p>
      ) : (
        <p>{t('parts.noAssembly')}</p>
      )}
      {data.items.length === 0 ? (
        <p>{t('parts.none')}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption>{t('parts.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('parts.marking')}</th>
                <th scope="col">{t('parts.maker')}</th>
                <th scope="col">{t('parts.part')}</th>
                <th scope="col">{t('parts.dateCode')}</th>
                <th scope="col">{t('parts.item')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <code>{c.marking}</code>
                  </td>
                  <td>
                    {c.manufacturer ?? c.manufacturerRaw ?? t('common.unknown')}
                    {c.country ? ` (${c.country})` : ''}
                  </td>
                  <td>
                    {[c.partNumber, c.lot && t('parts.lot', { lot: c.lot })].filter(Boolean).join(' · ') ||
                      '—'}
                  </td>
                  <td>
                    {c.dateCode
                      ? t('parts.dateCodeValue', {
                          raw: c.dateCode.raw,
                          from: c.dateCode.from,
                          to: c.dateCode.to,
                          confidence: fmtPct(c.dateCode.confidence),
                        })
                      : (c.dateCodeRaw ?? '—')}
                  </td>
                  <td>{c.item}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {ea && ea.excluded.length > 0 && (
        <details>
          <summary>{t('parts.excluded', { n: ea.excluded.length })}</summary>
          <ul>
            {ea.excluded.map((x) => (
              <li key={x.id}>
                {x.id}: {x.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
