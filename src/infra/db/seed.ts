import type { Kysely } from 'kysely';
import { MISSILE_MODELS } from '../../registry/model/missile-models.js';
import { REGIONS } from '../../registry/model/regions.js';
import { nameKey } from '../../registry/normalise/text.js';
import type { Database } from './schema.js';

/**
 * Reference rows every store holds (regions with their names, Air Force model labels with aliases). Idempotent:
 * rows that exist are left alone, so running it at every open costs a few index lookups.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<void> {
  const have = await db
    .selectFrom('missile_models')
    .select(db.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const regionCount = await db
    .selectFrom('regions')
    .select(db.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  if (Number(have?.n ?? 0) >= MISSILE_MODELS.length && Number(regionCount?.n ?? 0) >= REGIONS.length) return;
  await db.transaction().execute(async (trx) => {
    for (const r of REGIONS) {
      await trx
        .insertInto('regions')
        .values({
          iso_code: r.iso,
          country: r.country,
          level: r.level,
          name_en: r.nameEn,
          name_uk: r.nameUk,
          name_ru: r.nameRu,
        })
        .onConflict((oc) => oc.column('iso_code').doNothing())
        .execute();
      const names: [string, string][] = [
        [r.nameEn, 'en'],
        [r.nameUk, 'uk'],
        [r.nameRu, 'ru'],
        ...r.variants.map((v): [string, string] => [v, 'variant']),
      ];
      for (const [name, lang] of names) {
        await trx
          .insertInto('region_names')
          .values({ name_key: nameKey(name), name, iso_code: r.iso, lang })
          .onConflict((oc) => oc.column('name_key').doNothing())
          .execute();
      }
    }
    for (const m of MISSILE_MODELS) {
      await trx
        .insertInto('missile_models')
        .values({
          id: m.id,
          name: m.name,
          category: m.category,
          members_json: JSON.stringify(m.members),
          recognised: 1,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      for (const a of [m.id, ...m.aliases]) {
        await trx
          .insertInto('model_aliases')
          .values({ alias_key: nameKey(a), alias: a, model_id: m.id })
          .onConflict((oc) => oc.column('alias_key').doNothing())
          .execute();
      }
    }
  });
}
