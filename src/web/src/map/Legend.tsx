import type { CSSProperties } from 'react';
import { OUTCOMES, type PointSet } from '../data/points.js';
import { t } from '../i18n/index.js';
import { COLOURS } from './basemap.js';
import { OUTCOME_COLOURS, typeColour, UNIDENTIFIED_COLOUR, type ColourBy } from './colours.js';

const Swatch = ({
  colour,
  shape = 'dot',
}: {
  colour: string;
  shape?: 'dot' | 'disc' | 'line' | 'dashed' | 'ellipse';
}) => (
  <span className={`swatch swatch-${shape}`} style={{ '--c': colour } as CSSProperties} aria-hidden="true" />
);

/** What the map's colours and shapes mean; the same words as the list and the incident page. */
export function Legend({ colourBy, points }: { colourBy: ColourBy; points: PointSet | null }) {
  const entries =
    colourBy === 'outcome'
      ? OUTCOMES.map((o) => ({ key: o, colour: OUTCOME_COLOURS[o], label: t(`outcome.${o}`) }))
      : [
          ...(points?.types ?? []).map((ty, i) => ({ key: ty, colour: typeColour(i), label: ty })),
          { key: '(none)', colour: UNIDENTIFIED_COLOUR, label: t('legend.unidentified') },
        ];
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('legend.title')}</h2>
      <p className="legend-sub">{colourBy === 'outcome' ? t('legend.byOutcome') : t('legend.byType')}</p>
      <ul>
        {entries.map((e) => (
          <li key={e.key}>
            <Swatch colour={e.colour} /> {e.label}
          </li>
        ))}
      </ul>
      <ul>
        <li>
          <Swatch colour="#5F6B73" shape="disc" /> {t('legend.precision')}
        </li>
        <li>
          <Swatch colour={COLOURS.cluster} /> {t('legend.cluster')}
        </li>
        <li>
          <Swatch colour="#5F6B73" shape="line" /> {t('legend.arc')}
        </li>
        <li>
          <Swatch colour={COLOURS.ellipse} shape="ellipse" /> {t('legend.ellipse')}
        </li>
        <li>
          <Swatch colour={COLOURS.track} shape="dashed" /> {t('legend.track')}
        </li>
      </ul>
    </section>
  );
}
