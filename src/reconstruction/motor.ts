import { sigmaOf, valueOf } from '../kernel/index.js';
import type { MotorTemplate } from '../kernel/index.js';

/** Normal-acceleration segment (quasi-ballistic pull-up), times after launch. */
export interface Manoeuvre {
  readonly startS: number;
  readonly endS: number;
  /** Acceleration normal to the velocity in the vertical plane, m/s^2; positive pulls up. */
  readonly normalAccelMps2: number;
}

/** A motor template with every figure resolved to a number (the reference form of issue 3). */
export interface MotorParams {
  readonly m0Kg: number;
  readonly mfKg: number;
  readonly burnTimeS: number;
  readonly exhaustVelocityMps: number;
  readonly verticalRiseS: number;
  readonly kickS: number;
  readonly cdAM2: number;
  readonly manoeuvre?: Manoeuvre;
}

/** The figures of a template that may carry a prior (a sigma) and so be estimated. */
export const MOTOR_FIGURES = [
  'm0Kg',
  'mfKg',
  'burnTimeS',
  'exhaustVelocityMps',
  'verticalRiseS',
  'kickS',
  'cdAM2',
  'manoeuvreStartS',
  'manoeuvreEndS',
  'manoeuvreAccelMps2',
] as const;
export type MotorFigure = (typeof MOTOR_FIGURES)[number];

/** The manoeuvre's figures, by their field in the template's `manoeuvre`. */
const MANOEUVRE_FIELD = {
  manoeuvreStartS: 'startS',
  manoeuvreEndS: 'endS',
  manoeuvreAccelMps2: 'normalAccelMps2',
} as const;
type ManoeuvreFigure = keyof typeof MANOEUVRE_FIELD;
const isManoeuvreFigure = (f: MotorFigure): f is ManoeuvreFigure => f in MANOEUVRE_FIELD;

/** The template's central values. */
export function motorParams(t: MotorTemplate): MotorParams {
  const base = {
    m0Kg: valueOf(t.m0Kg),
    mfKg: valueOf(t.mfKg),
    burnTimeS: valueOf(t.burnTimeS),
    exhaustVelocityMps: valueOf(t.exhaustVelocityMps),
    verticalRiseS: valueOf(t.verticalRiseS),
    kickS: valueOf(t.kickS),
    cdAM2: valueOf(t.cdAM2),
  };
  const m = t.manoeuvre;
  return m
    ? {
        ...base,
        manoeuvre: {
          startS: valueOf(m.startS),
          endS: valueOf(m.endS),
          normalAccelMps2: valueOf(m.normalAccelMps2),
        },
      }
    : base;
}

/** The template's prior sigmas, by figure (absent = fixed). */
export function motorSigmas(t: MotorTemplate): Partial<Record<MotorFigure, number>> {
  const out: Partial<Record<MotorFigure, number>> = {};
  for (const f of MOTOR_FIGURES) {
    const v = isManoeuvreFigure(f) ? t.manoeuvre?.[MANOEUVRE_FIELD[f]] : t[f];
    const s = v === undefined ? undefined : sigmaOf(v);
    if (s !== undefined) out[f] = s;
  }
  return out;
}

/** The value of one figure of a motor (NaN for a manoeuvre figure of a motor without a manoeuvre). */
export function figureOf(m: MotorParams, f: MotorFigure): number {
  if (isManoeuvreFigure(f)) return m.manoeuvre ? m.manoeuvre[MANOEUVRE_FIELD[f]] : Number.NaN;
  return m[f];
}

/**
 * The motor with the given figures replaced by `values` (figure i by values[offset + i]); a manoeuvre figure
 * needs a motor that has a manoeuvre (every figure with a prior comes from the template, which then has one).
 */
export function withFigures(
  m: MotorParams,
  figures: readonly MotorFigure[],
  values: ArrayLike<number>,
  offset: number,
): MotorParams {
  if (figures.length === 0) return m;
  const out: { -readonly [K in keyof MotorParams]: MotorParams[K] } = { ...m };
  let man: { -readonly [K in keyof Manoeuvre]: number } | undefined;
  figures.forEach((f, i) => {
    const v = values[offset + i] as number;
    if (isManoeuvreFigure(f)) {
      man ??= { ...(m.manoeuvre as Manoeuvre) };
      man[MANOEUVRE_FIELD[f]] = v;
    } else out[f] = v;
  });
  if (man) out.manoeuvre = man;
  return out;
}

/** Ballistic coefficient after burnout, beta = mf / CdA (kg/m^2). */
export const burnoutBetaKgM2 = (m: MotorParams): number => m.mfKg / m.cdAM2;

/** The generic single-stage solid SRBM of DOMAIN.md (a sanity scale, not a model of any type). */
export const GENERIC_SRBM: MotorParams = {
  m0Kg: 4000,
  mfKg: 1500,
  burnTimeS: 25,
  exhaustVelocityMps: 2500,
  verticalRiseS: 4,
  kickS: 6,
  cdAM2: 0.12,
};
