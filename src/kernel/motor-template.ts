import { z } from 'zod';

/**
 * A per-type motor template in the reference form of issue 3, shared by the catalogue (identification), the
 * reconstruction and the `--template FILE.json` option, so that a template means the same everywhere:
 * constant mass flow from m0 to mf over the burn time tb; thrust acceleration ve*mdot/m(t); thrust vertical
 * for `verticalRiseS`, then (smoothstep-blended over 1 s) along a fixed kick direction for `kickS`, then along
 * the velocity (gravity turn); drag uses cdAM2 / m(t). An optional manoeuvre segment applies a normal
 * acceleration between two times after launch (quasi-ballistic pull-up); its three figures may carry sigmas
 * too (a pull-up of uncertain timing and strength, estimated by the fit).
 *
 * Each figure is either a number or `{ value, sigma }`; a sigma makes the fit treat the figure as a Gaussian
 * prior and estimate it, no sigma fixes it (and it enters the covariance as a consider parameter).
 */
export const valueWithSigmaSchema = z.union([
  z.number().finite(),
  z.object({ value: z.number().finite(), sigma: z.number().finite().positive().optional() }).strict(),
]);
export type ValueWithSigma = z.infer<typeof valueWithSigmaSchema>;

const positive = valueWithSigmaSchema.refine((v) => (typeof v === 'number' ? v : v.value) > 0, 'must be > 0');
const nonNegative = valueWithSigmaSchema.refine(
  (v) => (typeof v === 'number' ? v : v.value) >= 0,
  'must be >= 0',
);

export const motorTemplateSchema = z
  .object({
    m0Kg: positive,
    mfKg: positive,
    burnTimeS: positive,
    exhaustVelocityMps: positive,
    verticalRiseS: nonNegative,
    kickS: nonNegative,
    cdAM2: positive,
    manoeuvre: z
      .object({
        startS: nonNegative,
        endS: positive,
        normalAccelMps2: valueWithSigmaSchema,
      })
      .strict()
      .refine((m) => valueOf(m.endS) > valueOf(m.startS), 'endS must be after startS')
      .optional(),
  })
  .strict()
  .refine((t) => valueOf(t.mfKg) < valueOf(t.m0Kg), {
    message: 'mfKg must be less than m0Kg',
    path: ['mfKg'],
  });
export type MotorTemplate = z.infer<typeof motorTemplateSchema>;

export const valueOf = (v: ValueWithSigma): number => (typeof v === 'number' ? v : v.value);
export const sigmaOf = (v: ValueWithSigma): number | undefined =>
  typeof v === 'number' ? undefined : v.sigma;
