/**
 * US Standard Atmosphere 1976 (NOAA/NASA/USAF, NOAA-S/T 76-1562), density as a function of geometric height.
 *
 * Model: 0–86 km geometric, the seven hydrostatic layers of the standard in geopotential height (linear
 * molecular-scale temperature, base pressures of table 4 of the standard, R* = 8.31432 J/(mol K), M0 =
 * 28.9644 g/mol, g0 = 9.80665 m/s^2, r0 = 6356.766 km); above 86 km, log-linear interpolation of the density
 * column of table I of the standard (86 ... 1000 km), beyond 1000 km zero; below -5 km, the -5 km value.
 * Accuracy: the layer formulae reproduce the standard's tabulated densities to < 0.05 % below 86 km (tested at
 * 0, 1, 5, 10, 20, 30, 40, 50, 60, 70, 80 km); between 80 and 86 km the standard's molecular-weight correction
 * is ignored (< 0.6 % error); above 86 km the log-linear interpolation is within ~5 % of the
 * table between the knots (negligible for drag: rho < 7e-6 kg/m^3 there).
 * Validity: a mean mid-latitude atmosphere; day-to-day density varies by ~±10 % at 0–20 km and more above.
 */
const R_STAR = 8.31432;
const M0 = 28.9644e-3;
const G0 = 9.80665;
const R0_M = 6356766;
const GMR = (G0 * M0) / R_STAR; // K/m

/** Layer bases: geopotential height (m), temperature (K), lapse rate (K/m), pressure (Pa). */
const LAYERS: readonly (readonly [number, number, number, number])[] = [
  [0, 288.15, -0.0065, 101325],
  [11000, 216.65, 0, 22632.06],
  [20000, 216.65, 0.001, 5474.889],
  [32000, 228.65, 0.0028, 868.0187],
  [47000, 270.65, 0, 110.9063],
  [51000, 270.65, -0.0028, 66.93887],
  [71000, 214.65, -0.002, 3.95642],
];

/** Geometric height (km) and density (kg/m^3), table I of the standard, 86 km and above. */
const UPPER: readonly (readonly [number, number])[] = [
  [86, 6.958e-6],
  [90, 3.416e-6],
  [100, 5.604e-7],
  [110, 9.708e-8],
  [120, 2.222e-8],
  [130, 8.152e-9],
  [150, 2.076e-9],
  [200, 2.541e-10],
  [300, 1.916e-11],
  [500, 5.215e-13],
  [1000, 3.561e-15],
];
const GEOMETRIC_86_KM_M = 86000;

/** Density (kg/m^3) at geometric height `hM` above mean sea level (see the module comment for accuracy). */
export function densityKgM3(hM: number): number {
  const h = hM < -5000 ? -5000 : hM;
  if (h < GEOMETRIC_86_KM_M) {
    const z = (R0_M * h) / (R0_M + h); // geopotential height
    let i = LAYERS.length - 1;
    while (i > 0 && z < (LAYERS[i] as readonly number[])[0]!) i--;
    const [zb, tb, lb, pb] = LAYERS[i] as readonly [number, number, number, number];
    const t = tb + lb * (z - zb);
    const p = lb === 0 ? pb * Math.exp((-GMR * (z - zb)) / tb) : pb * Math.pow(tb / t, GMR / lb);
    return (p * M0) / (R_STAR * t);
  }
  const km = h / 1000;
  if (km >= 1000) return 0;
  let j = 0;
  while (j < UPPER.length - 2 && km >= (UPPER[j + 1] as readonly number[])[0]!) j++;
  const [k0, d0] = UPPER[j] as readonly [number, number];
  const [k1, d1] = UPPER[j + 1] as readonly [number, number];
  return d0 * Math.exp(((km - k0) / (k1 - k0)) * Math.log(d1 / d0));
}
