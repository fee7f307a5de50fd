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
] as const;
export type MotorFigure = (typeof MOTOR_FIGURES)[number];

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
  return t.manoeuvre ? { ...base, manoeuvre: t.manoeuvre } : base;
}

/** The template's prior sigmas, by figure (absent = fixed). */
export function motorSigmas(t: MotorTemplate): Partial<Record<MotorFigure, number>> {
  const out: Partial<Record<MotorFigure, number>> = {};
  for (const f of MOTOR_FIGURES) {
    const s = sigmaOf(t[f]);
    if (s !== undefined) out[f] = s;
  }
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
