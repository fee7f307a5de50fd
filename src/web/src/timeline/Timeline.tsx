import * as Plot from '@observablehq/plot';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { OUTCOMES, type PointSet, type TimeWindow } from '../data/points.js';
import { fmtDate, fmtUtc, t } from '../i18n/index.js';
import { OUTCOME_COLOURS, typeColour, type ColourBy } from '../map/colours.js';
import { binPoints } from './bins.js';
import { asImage } from '../charts/as-image.js';

export interface TimelineProps {
  readonly points: PointSet;
  readonly window: TimeWindow | null;
  readonly onWindow: (w: TimeWindow | null) => void;
  readonly colourBy: ColourBy;
  /** Playback cursor, drawn as a vertical line. */
  readonly cursor?: number | null;
}

const HEIGHT = 140;
const MARGIN = { top: 10, right: 16, bottom: 28, left: 44 };

interface Frame {
  readonly x0: number;
  readonly x1: number;
  readonly toPx: (ms: number) => number;
  readonly toMs: (px: number) => number;
}

/** Strikes over time (stacked by colour category) with a brush that sets the window of the map and the list. */
export function Timeline({ points, window: win, onWindow, colourBy, cursor }: TimelineProps) {
  const host = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const [frame, setFrame] = useState<Frame | null>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const binned = useMemo(() => binPoints(points, colourBy), [points, colourBy]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setWidth(Math.max(320, Math.floor(e.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const el = host.current?.querySelector('.plot-slot');
    if (!el) return;
    const domain =
      colourBy === 'outcome' ? OUTCOMES.map((_, i) => i) : [-1, ...points.types.map((_, i) => i)];
    const range =
      colourBy === 'outcome' ? OUTCOMES.map((o) => OUTCOME_COLOURS[o]) : domain.map((i) => typeColour(i));
    const plot = Plot.plot({
      width,
      height: HEIGHT,
      marginTop: MARGIN.top,
      marginRight: MARGIN.right,
      marginBottom: MARGIN.bottom,
      marginLeft: MARGIN.left,
      x: { type: 'utc', domain: [new Date(binned.extent.from), new Date(binned.extent.to)], label: null },
      y: { label: t('timeline.yLabel'), grid: true, nice: true },
      color: { type: 'ordinal', domain, range },
      marks: [
        Plot.rectY(binned.bins, {
          x1: (d: { x1: number }) => new Date(d.x1),
          x2: (d: { x2: number }) => new Date(d.x2),
          y: 'count',
          fill: 'cat',
          inset: 0.3,
        }),
        Plot.ruleY([0]),
      ],
      ariaLabel: t('timeline.chartLabel'),
      ariaDescription: t('timeline.chartDescription', { n: points.n, bin: binned.width / 3_600_000 }),
    });
    el.replaceChildren(asImage(plot, t('timeline.chartLabel')));
    const x = plot.scale('x');
    if (x?.invert)
      setFrame({
        x0: MARGIN.left,
        x1: width - MARGIN.right,
        toPx: (ms) => x.apply(new Date(ms)) as number,
        toMs: (px) => (x.invert!(px) as Date).getTime(),
      });
    return () => plot.remove();
  }, [binned, width, colourBy, points]);

  const pxOf = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return Math.min(frame!.x1, Math.max(frame!.x0, e.clientX - r.left));
  };
  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!frame || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = pxOf(e);
    setDrag({ a: p, b: p });
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag || !frame) return;
    setDrag({ a: drag.a, b: pxOf(e) });
  };
  const onUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag || !frame) return;
    const b = pxOf(e);
    setDrag(null);
    if (Math.abs(b - drag.a) < 3) return onWindow(null);
    const [lo, hi] = [Math.min(drag.a, b), Math.max(drag.a, b)];
    onWindow({ from: Math.round(frame.toMs(lo)), to: Math.round(frame.toMs(hi)) });
  };

  const step = binned.width;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const ext = binned.extent;
    const w = win ?? { from: ext.from, to: Math.min(ext.to, ext.from + 7 * step) };
    const clamp = (v: TimeWindow): TimeWindow => ({
      from: Math.max(ext.from, Math.min(v.from, ext.to - step)),
      to: Math.min(ext.to, Math.max(v.to, v.from + step)),
    });
    let next: TimeWindow | null | undefined;
    if (e.key === 'ArrowRight')
      next = e.shiftKey ? { from: w.from, to: w.to + step } : { from: w.from + step, to: w.to + step };
    else if (e.key === 'ArrowLeft')
      next = e.shiftKey ? { from: w.from, to: w.to - step } : { from: w.from - step, to: w.to - step };
    else if (e.key === 'Escape' || e.key === 'Delete') next = null;
    else if (e.key === 'Home') next = { from: ext.from, to: ext.from + (w.to - w.from) };
    else if (e.key === 'End') next = { from: ext.to - (w.to - w.from), to: ext.to };
    if (next === undefined) return;
    e.preventDefault();
    onWindow(next === null ? null : clamp(next));
  };

  const shown = drag
    ? { left: Math.min(drag.a, drag.b), right: Math.max(drag.a, drag.b) }
    : win && frame
      ? { left: Math.max(frame.x0, frame.toPx(win.from)), right: Math.min(frame.x1, frame.toPx(win.to)) }
      : null;

  const onDateInput = (which: 'from' | 'to', value: string) => {
    const ms = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(ms)) return;
    const ext = binned.extent;
    const cur = win ?? ext;
    onWindow(
      which === 'from'
        ? { from: ms, to: Math.max(cur.to, ms + 3_600_000) }
        : { from: Math.min(cur.from, ms), to: ms + 86_400_000 },
    );
  };

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <div className="timeline-head">
        <h2 id="timeline-title">{t('timeline.title')}</h2>
        <div className="timeline-inputs">
          <label>
            {t('timeline.from')}{' '}
            <input
              type="date"
              value={fmtDate(win?.from ?? binned.extent.from)}
              min={fmtDate(binned.extent.from)}
              max={fmtDate(binned.extent.to)}
              onChange={(e) => onDateInput('from', e.target.value)}
            />
          </label>
          <label>
            {t('timeline.to')}{' '}
            <input
              type="date"
              value={fmtDate((win?.to ?? binned.extent.to) - 1)}
              min={fmtDate(binned.extent.from)}
              max={fmtDate(binned.extent.to)}
              onChange={(e) => onDateInput('to', e.target.value)}
            />
          </label>
          <button type="button" onClick={() => onWindow(null)} disabled={!win}>
            {t('timeline.clear')}
          </button>
        </div>
      </div>
      <div className="timeline-plot" ref={host} style={{ height: HEIGHT }}>
        <div className="plot-slot" />
        <div
          className="brush"
          role="slider"
          tabIndex={0}
          aria-label={t('timeline.brushLabel')}
          aria-valuemin={binned.extent.from}
          aria-valuemax={binned.extent.to}
          aria-valuenow={win?.from ?? binned.extent.from}
          aria-valuetext={
            win ? t('timeline.windowText', { from: fmtUtc(win.from), to: fmtUtc(win.to) }) : t('timeline.all')
          }
          aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight Home End Escape"
          data-testid="timeline-brush"
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onKeyDown={onKey}
          style={{ left: 0, top: MARGIN.top, width, height: HEIGHT - MARGIN.top - MARGIN.bottom }}
        >
          {shown && (
            <div
              className="brush-selection"
              style={{ left: shown.left, width: Math.max(1, shown.right - shown.left) }}
            />
          )}
          {cursor != null && frame && <div className="brush-cursor" style={{ left: frame.toPx(cursor) }} />}
        </div>
      </div>
      <p className="hint">{t('timeline.hint')}</p>
    </section>
  );
}
