import type { z } from 'zod';
import type { Incident, SourceList } from '../../../contract/index.js';
import { fmtMetres, fmtNumber, fmtUtc, t } from '../i18n/index.js';

type Source = z.infer<typeof SourceList>['items'][number];

/** One fact: the normalised value, what the source said verbatim, and where it came from. */
function Fact({ label, value, raw }: { label: string; value: string; raw?: string | null }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>
        {value}
        {raw && raw !== value && <span className="raw">{t('facts.asPublished', { raw })}</span>}
      </dd>
    </div>
  );
}

export function Facts({
  incident: x,
  sources,
}: {
  incident: Incident;
  sources: readonly Source[] | undefined;
}) {
  const src = sources?.find((s) => s.id === x.source.id);
  const unknown = t('common.unknown');
  const loc =
    x.lat !== null && x.lon !== null
      ? t('facts.location', {
          lat: fmtNumber(x.lat, 4),
          lon: fmtNumber(x.lon, 4),
          precision: x.locationPrecisionM === null ? unknown : fmtMetres(x.locationPrecisionM),
        })
      : unknown;
  const num = (v: number | null) => (v === null ? unknown : fmtNumber(v));
  return (
    <>
      <dl className="facts">
        <Fact label={t('facts.time')} value={fmtUtc(x.occurredAt)} raw={x.occurredAtRaw} />
        <Fact label={t('facts.place')} value={loc} />
        <Fact label={t('facts.targetRegion')} value={x.targetRegion ?? unknown} raw={x.targetRegionRaw} />
        <Fact label={t('facts.launchRegion')} value={x.launchRegion ?? unknown} raw={x.launchRegionRaw} />
        {x.launchLat !== null && x.launchLon !== null && (
          <Fact
            label={t('facts.launchPoint')}
            value={`${fmtNumber(x.launchLat, 4)}, ${fmtNumber(x.launchLon, 4)}`}
          />
        )}
        <Fact label={t('facts.modelClaimed')} value={x.modelClaimed ?? unknown} raw={x.modelClaimedRaw} />
        <Fact label={t('facts.identifiedType')} value={x.identifiedType ?? t('legend.unidentified')} />
        <Fact label={t('facts.outcome')} value={t(`outcome.${x.outcome}`)} />
        <Fact
          label={t('facts.debris')}
          value={x.debrisRecovered === null ? unknown : x.debrisRecovered ? t('common.yes') : t('common.no')}
        />
        <Fact
          label={t('facts.casualties')}
          value={t('facts.casualtiesValue', { killed: num(x.killed), injured: num(x.injured) })}
        />
        {x.notes && <Fact label={t('facts.notes')} value={x.notes} />}
      </dl>
      <h3>{t('facts.sources')}</h3>
      <ul className="sources">
        <li>
          {t('facts.importedFrom', {
            file: src?.fileName ?? x.source.id,
            line: x.source.line,
          })}
          {src && (
            <>
              {' '}
              <code title={src.sha256}>sha256 {src.sha256.slice(0, 16)}…</code>{' '}
              {t('facts.importer', {
                importer: src.importer,
                version: src.importerVersion,
                at: fmtUtc(src.importedAt),
              })}
            </>
          )}
        </li>
        {x.sourceUrl ? (
          <li>
            {t('facts.publishedAt')}{' '}
            <a href={x.sourceUrl} rel="noopener noreferrer external" target="_blank">
              {x.sourceUrl}
            </a>
          </li>
        ) : (
          <li>{t('facts.noSourceUrl')}</li>
        )}
      </ul>
    </>
  );
}
