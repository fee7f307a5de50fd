/**
 * Branded units. A plain `number` carries no unit; these types do, and the constructors are the only way in.
 * Convention (DESIGN.md): degrees and metres at the boundary, radians inside numerical code.
 */
declare const unit: unique symbol;
export type Unit<U extends string> = number & { readonly [unit]: U };

export type Meters = Unit<'m'>;
export type Seconds = Unit<'s'>;
export type Degrees = Unit<'deg'>;
export type Radians = Unit<'rad'>;
export type MetersPerSecond = Unit<'m/s'>;
export type Kilograms = Unit<'kg'>;
export type Kilometers = Unit<'km'>;

export const meters = (v: number): Meters => v as Meters;
export const seconds = (v: number): Seconds => v as Seconds;
export const degrees = (v: number): Degrees => v as Degrees;
export const radians = (v: number): Radians => v as Radians;
export const metersPerSecond = (v: number): MetersPerSecond => v as MetersPerSecond;
export const kilograms = (v: number): Kilograms => v as Kilograms;
export const kilometers = (v: number): Kilometers => v as Kilometers;

export const DEG_PER_RAD = 180 / Math.PI;
export const toRadians = (d: Degrees): Radians => ((d as number) / DEG_PER_RAD) as Radians;
export const toDegrees = (r: Radians): Degrees => ((r as number) * DEG_PER_RAD) as Degrees;
export const kmToMeters = (km: Kilometers): Meters => ((km as number) * 1000) as Meters;
export const metersToKm = (m: Meters): Kilometers => ((m as number) / 1000) as Kilometers;
