import { useEffect, useMemo, useRef, useState } from 'react';
import { lowerBound, type PointSet } from '../data/points.js';
import { fmtNumber, fmtUtc, t } from '../i18n/index.js';
import { nightsOf, type Night } from './bins.js';

export interface PlaybackState {
  readonly night: Night;
  readonly cursor: number;
}

export interface PlaybackProps {
  readonly points: PointSet;
  /** Called on every step (null when playback stops and the brush takes over again). */
  readonly onState: (s: PlaybackState | null) => void;
}

/** Simulated time per real second, at 1x: one hour. */
const SIM_MS_PER_S = 3_600_000;
/** Playback starts this long before the night's first strike and ends this long after its last. */
const LEAD_MS = 30 * 60_000;
const TICK_MS = 100;

/** Plays one night's strikes on the map: the cursor advances, strikes appear as their time comes. */
export function Playback({ points, onState }: PlaybackProps) {
  const nights = useMemo(() => nightsOf(points), [points]);
  const [index, setIndex] = useState(() =>
    nights.length ? nights.reduce((b, n, i) => (n.count > nights[b]!.count ? i : b), 0) : 0,
  );
  const [speed, setSpeed] = useState(1);
  const [playing, setPlaying] = useState(false);
  const [cursor, setCursor] = useState<number | null>(null);
  const state = useRef(onState);
  state.current = onState;
  const night = nights[index];

  useEffect(() => {
    if (!playing || !night) return;
    const id = setInterval(() => {
      setCursor((c) => {
        const end = Math.min(night.to, night.last + LEAD_MS);
        const next = Math.min(end, (c ?? night.from) + (SIM_MS_PER_S * speed * TICK_MS) / 1000);
        if (next >= end) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(id);
  }, [playing, night, speed]);

  useEffect(() => {
    if (!night || cursor === null) return state.current(null);
    state.current({ night, cursor });
  }, [night, cursor]);

  if (!night) return null;
  const shownUpTo = cursor ?? night.from;
  const seen = lowerBound(points.t, shownUpTo) - lowerBound(points.t, night.from);

  return (
    <section className="playback" aria-labelledby="playback-title">
      <h2 id="playback-title">{t('playback.title')}</h2>
      <div className="playback-controls">
        <label>
          {t('playback.night')}{' '}
          <select
            value={index}
            onChange={(e) => {
              setPlaying(false);
              setCursor(null);
              setIndex(Number(e.target.value));
            }}
          >
            {nights.map((n, i) => (
              <option key={n.from} value={i}>
                {t('playback.nightOption', { from: fmtUtc(n.from), n: n.count })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={() => {
            if (!playing && (cursor === null || cursor >= Math.min(night.to, night.last + LEAD_MS)))
              setCursor(Math.max(night.from, night.first - LEAD_MS));
            setPlaying(!playing);
          }}
          aria-pressed={playing}
        >
          {playing ? t('playback.pause') : t('playback.play')}
        </button>
        <button
          type="button"
          onClick={() => {
            setPlaying(false);
            setCursor(null);
          }}
          disabled={cursor === null}
        >
          {t('playback.stop')}
        </button>
        <label>
          {t('playback.speed')}{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {[0.25, 0.5, 1, 2, 4].map((s) => (
              <option key={s} value={s}>
                {t('playback.speedOption', { x: s })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="playback-status" aria-live={playing ? 'off' : 'polite'}>
        {cursor === null
          ? t('playback.idle')
          : t('playback.status', {
              at: fmtUtc(cursor),
              seen: fmtNumber(seen),
              total: fmtNumber(night.count),
            })}
      </p>
    </section>
  );
}
