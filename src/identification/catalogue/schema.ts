import { z } from 'zod';
import { motorTemplateSchema } from '../../kernel/index.js';

/**
 * The reference catalogue's schema. Every figure is a range with its sources (ids into `sources`), never a
 * bare number: public figures disagree and the spread is part of the evidence. Unknown fields are errors.
 */

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case kebab-case id');
const isoCountry = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code (e.g. RU, KP)');
const isoRegion = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code (e.g. RU-BEL, UA-63)');
const partialDate = z
  .string()
  .regex(
    /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
    'must be YYYY, YYYY-MM or YYYY-MM-DD',
  );
const sourceRefs = z.array(z.string().min(1)).min(1, 'every figure needs at least one source');

export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;

export const sourceSchema = z
  .object({
    title: z.string().min(1),
    publisher: z.string().min(1),
    date: partialDate,
    url: z.url().optional(),
    /** True when the URL (or the lack of one) was not checked online when the entry was written. */
    urlUnverified: z.boolean().optional(),
    note: z.string().optional(),
  })
  .strict();

/** A non-negative physical figure as a range [min, max] with an optional nominal value inside it. */
export const figureSchema = z
  .object({
    min: z.number().finite().nonnegative(),
    max: z.number().finite().nonnegative(),
    nominal: z.number().finite().nonnegative().optional(),
    sources: sourceRefs,
    note: z.string().optional(),
    /** Salvo's engineering estimate rather than a public figure; the note gives the reasoning. */
    illustrative: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.max >= f.min, { message: 'max must be >= min', path: ['max'] })
  .refine((f) => f.nominal === undefined || (f.nominal >= f.min && f.nominal <= f.max), {
    message: 'nominal must lie within [min, max]',
    path: ['nominal'],
  });
export type Figure = z.infer<typeof figureSchema>;

export const MANOEUVRES = ['none', 'pull-up', 'glide'] as const;
export const MARKING_SCRIPTS = ['latin', 'cyrillic', 'hangul', 'other'] as const;
export const TYPE_CLASSES = [
  'ballistic-srbm',
  'ballistic-mrbm',
  'air-launched-ballistic',
  'sam-ground-attack',
  'cruise',
  'air-launched-cruise',
  'one-way-attack-uav',
  'guided-glide-bomb',
  'guided-rocket',
] as const;
export const DEBRIS_FEATURES = [
  'jet-vane-actuators',
  'igniter-bolt-pattern',
  'fins',
  'nozzle',
  'body-diameter',
  'markings',
  'engine',
  'wings',
  'other',
] as const;
export const ALIAS_DATASETS = [
  'common',
  'ua-airforce',
  'cns-database',
  'russian',
  'korean',
  'nato',
  'us',
] as const;

const valuesOf = <T extends z.ZodType>(item: T) =>
  z.object({ values: z.array(item).min(1), sources: sourceRefs, note: z.string().optional() }).strict();

const aliasSchema = z.object({ text: z.string().min(1), dataset: z.enum(ALIAS_DATASETS) }).strict();

const motorEntrySchema = z.union([
  z
    .object({
      template: motorTemplateSchema,
      sources: sourceRefs,
      illustrative: z.boolean(),
      reasoning: z.string().min(1).optional(),
    })
    .strict()
    .refine((m) => !m.illustrative || m.reasoning !== undefined, {
      message: 'an illustrative motor must state its reasoning',
      path: ['reasoning'],
    }),
  z.object({ noPublicFigure: z.literal(true), note: z.string().min(1) }).strict(),
]);

/** The continuous figures of a type, by field name (units in the names). */
export const FIGURE_FIELDS = [
  'lengthM',
  'bodyDiameterM',
  'launchMassKg',
  'rangeKm',
  'apogeeKm',
  'flightTimeS',
  'maxSpeedMps',
  'burnTimeS',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];

export const missileTypeSchema = z
  .object({
    id,
    name: z.string().min(1),
    designations: z.record(z.string(), z.string()).optional(),
    class: z.enum(TYPE_CLASSES),
    originState: isoCountry,
    producers: z.array(
      z
        .object({
          name: z.string().min(1),
          state: isoCountry,
          sources: sourceRefs,
          note: z.string().optional(),
        })
        .strict(),
    ),
    lengthM: figureSchema.optional(),
    bodyDiameterM: figureSchema.optional(),
    launchMassKg: figureSchema.optional(),
    rangeKm: figureSchema.optional(),
    apogeeKm: figureSchema.optional(),
    flightTimeS: figureSchema.optional(),
    maxSpeedMps: figureSchema.optional(),
    burnTimeS: figureSchema.optional(),
    manoeuvre: valuesOf(z.enum(MANOEUVRES)),
    guidance: valuesOf(z.string().min(1)),
    debrisFeatures: z.array(
      z
        .object({
          feature: z.enum(DEBRIS_FEATURES),
          status: z.enum(['present', 'absent']),
          description: z.string().min(1),
          sources: sourceRefs,
        })
        .strict(),
    ),
    markingScripts: valuesOf(z.enum(MARKING_SCRIPTS)),
    knownUsers: z.array(
      z.object({ state: isoCountry, sources: sourceRefs, note: z.string().optional() }).strict(),
    ),
    launchRegions: valuesOf(isoRegion).optional(),
    aliases: z.array(aliasSchema),
    motor: motorEntrySchema,
    notes: z.string().optional(),
  })
  .strict();
export type MissileType = z.infer<typeof missileTypeSchema>;

export const ambiguousAliasSchema = z
  .object({
    text: z.string().min(1),
    dataset: z.enum(ALIAS_DATASETS),
    types: z.array(id).min(1),
    /** Types the label may also hide that the catalogue does not hold. */
    uncatalogued: z.array(z.string().min(1)).optional(),
    note: z.string().min(1),
    sources: sourceRefs,
  })
  .strict()
  .refine((a) => a.types.length >= 2 || (a.uncatalogued?.length ?? 0) > 0, {
    message: 'an ambiguous alias maps to at least two types (counting uncatalogued ones)',
    path: ['types'],
  });
export type AmbiguousAlias = z.infer<typeof ambiguousAliasSchema>;

export const catalogueSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    version: z.string().regex(SEMVER, 'must be a semantic version (e.g. 1.2.0)'),
    date: partialDate,
    reviewStatus: z.string().min(1),
    sources: z.record(id, sourceSchema),
    types: z.array(missileTypeSchema).min(1),
    ambiguousAliases: z.array(ambiguousAliasSchema),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const known = new Set(Object.keys(cat.sources));
    // every `sources` array anywhere must name catalogued sources
    const walk = (node: unknown, path: (string | number)[]): void => {
      if (Array.isArray(node)) {
        node.forEach((v, i) => walk(v, [...path, i]));
        return;
      }
      if (node === null || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'sources' && Array.isArray(v) && path.length > 0) {
          v.forEach((ref, i) => {
            if (typeof ref === 'string' && !known.has(ref)) {
              ctx.addIssue({ code: 'custom', message: `unknown source "${ref}"`, path: [...path, k, i] });
            }
          });
        } else walk(v, [...path, k]);
      }
    };
    walk({ types: cat.types, ambiguousAliases: cat.ambiguousAliases }, []);
    const ids = new Set<string>();
    cat.types.forEach((t, i) => {
      if (ids.has(t.id))
        ctx.addIssue({ code: 'custom', message: `duplicate type id "${t.id}"`, path: ['types', i, 'id'] });
      ids.add(t.id);
    });
    const seenAlias = new Map<string, string>();
    cat.types.forEach((t, i) =>
      t.aliases.forEach((a, j) => {
        const key = `${a.dataset}\u0000${a.text.toLowerCase()}`;
        const other = seenAlias.get(key);
        if (other !== undefined && other !== t.id) {
          ctx.addIssue({
            code: 'custom',
            message: `alias "${a.text}" (${a.dataset}) also names "${other}": make it an ambiguous alias`,
            path: ['types', i, 'aliases', j],
          });
        }
        seenAlias.set(key, t.id);
      }),
    );
    cat.ambiguousAliases.forEach((a, i) => {
      a.types.forEach((tid, j) => {
        if (!ids.has(tid)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown type "${tid}"`,
            path: ['ambiguousAliases', i, 'types', j],
          });
        }
      });
      if (seenAlias.has(`${a.dataset}\u0000${a.text.toLowerCase()}`)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${a.text}" is both a type alias and an ambiguous alias in ${a.dataset}`,
          path: ['ambiguousAliases', i, 'text'],
        });
      }
    });
  });
export type Catalogue = z.infer<typeof catalogueSchema>;
