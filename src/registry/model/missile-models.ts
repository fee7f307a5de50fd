/**
 * Weapon labels as the Ukrainian Air Force daily reports write them, mapped to registry model ids. A label
 * that names two types at once ("Iskander-M/KN-23", "C-300/C-400", "X-101/X-555") is an AMBIGUOUS model: it
 * lists its members but is never counted as either of them. Type-level figures come from attributed incidents.
 * The reference catalogue (catalogue/, issue 5) holds the technical data; these ids are the registry's keys.
 */
export type ModelCategory =
  | 'ballistic'
  | 'aeroballistic'
  | 'cruise'
  | 'anti-ship'
  | 'anti-radiation'
  | 'sam'
  | 'uav'
  | 'glide-bomb'
  | 'unspecified';

export interface MissileModelRecord {
  readonly id: string;
  readonly name: string;
  readonly category: ModelCategory;
  /** For an ambiguous label: the models it may be. Empty for a single type. */
  readonly members: readonly string[];
  readonly aliases: readonly string[];
}

const m = (
  id: string,
  name: string,
  category: ModelCategory,
  aliases: string[] = [],
  members: string[] = [],
): MissileModelRecord => ({ id, name, category, aliases, members });

export const MISSILE_MODELS: readonly MissileModelRecord[] = [
  m('iskander-m', 'Iskander-M (9M723)', 'ballistic', ['Iskander-M', '9M723', 'Іскандер-М']),
  m('hwasong-11ga', 'Hwasong-11Ga / KN-23', 'ballistic', [
    'KN-23',
    'Hwasong-11Ga',
    'Hwasong-11A',
    'Hwasong-11',
  ]),
  m('hwasong-11na', 'Hwasong-11Na / KN-24', 'ballistic', ['KN-24', 'Hwasong-11Na', 'Hwasong-11B']),
  m(
    'iskander-m-or-kn-23',
    'Iskander-M/KN-23 (ambiguous pair)',
    'ballistic',
    ['Iskander-M/KN-23'],
    ['iskander-m', 'hwasong-11ga'],
  ),
  m('iskander-k', 'Iskander-K (9M728/9M729)', 'cruise', ['Iskander-K', '9M728', '9M729']),
  m('s-300', 'S-300 missile used against ground targets (48N6/5V55)', 'sam', [
    'C-300',
    'S-300',
    '48N6',
    '5V55',
  ]),
  m('s-400', 'S-400 missile used against ground targets', 'sam', ['C-400', 'S-400']),
  m(
    's-300-or-s-400',
    'C-300/C-400 (ambiguous pair)',
    'sam',
    ['C-300/C-400', 'S-300/S-400'],
    ['s-300', 's-400'],
  ),
  m('kh-47m2', 'Kh-47M2 Kinzhal', 'aeroballistic', ['X-47 Kinzhal', 'Kh-47M2', 'Kinzhal', 'X-47M2']),
  m('kh-101', 'Kh-101', 'cruise', ['X-101', 'Kh-101']),
  m('kh-555', 'Kh-555', 'cruise', ['X-555', 'Kh-555']),
  m(
    'kh-101-or-kh-555',
    'X-101/X-555 (ambiguous pair)',
    'cruise',
    ['X-101/X-555', 'Kh-101/Kh-555'],
    ['kh-101', 'kh-555'],
  ),
  m('kalibr', 'Kalibr (3M14)', 'cruise', ['Kalibr', '3M14']),
  m('kh-59', 'Kh-59', 'cruise', ['X-59', 'Kh-59']),
  m('kh-59mk2', 'Kh-59MK2', 'cruise', ['X-59MK2', 'Kh-59MK2']),
  m('kh-69', 'Kh-69', 'cruise', ['X-69', 'Kh-69']),
  m(
    'kh-59-or-kh-69',
    'X-59/X-69 (ambiguous pair)',
    'cruise',
    ['X-59/X-69', 'Kh-59/Kh-69'],
    ['kh-59', 'kh-69'],
  ),
  m('kh-22', 'Kh-22', 'anti-ship', ['X-22', 'Kh-22']),
  m('kh-32', 'Kh-32', 'anti-ship', ['X-32', 'Kh-32']),
  m(
    'kh-22-or-kh-32',
    'X-22/X-32 (ambiguous pair)',
    'anti-ship',
    ['X-22/X-32', 'Kh-22/Kh-32'],
    ['kh-22', 'kh-32'],
  ),
  m('kh-31', 'Kh-31', 'anti-radiation', ['X-31', 'Kh-31']),
  m('kh-31p', 'Kh-31P', 'anti-radiation', ['X-31P', 'Kh-31P']),
  m('kh-31pd', 'Kh-31PD', 'anti-radiation', ['X-31PD', 'Kh-31PD']),
  m('kh-35', 'Kh-35', 'anti-ship', ['X-35', 'Kh-35']),
  m('p-800', 'P-800 Oniks', 'anti-ship', ['P-800 Oniks', 'Oniks', 'P-800']),
  m('3m22', '3M22 Zircon', 'anti-ship', ['3M22 Zircon', 'Zircon', 'Tsirkon']),
  m('ballistic-unspecified', 'Ballistic missile (type not stated)', 'ballistic', ['Ballistic Missile']),
  m('icbm-unspecified', 'Intercontinental ballistic missile (type not stated)', 'ballistic', [
    'Intercontinental Ballistic Missile',
  ]),
  m('missile-unspecified', 'Missile (type not stated)', 'unspecified', ['Unknown Missile']),
  m('shahed-136', 'Shahed-136 / Geran-2', 'uav', ['Shahed-136', 'Geran-2']),
  m('shahed-131', 'Shahed-131 / Geran-1', 'uav', ['Shahed-131', 'Geran-1']),
  m(
    'shahed-136-or-131',
    'Shahed-136/131 (ambiguous pair)',
    'uav',
    ['Shahed-136/131'],
    ['shahed-136', 'shahed-131'],
  ),
  m('kab', 'Guided glide bomb (KAB/UMPK)', 'glide-bomb', ['KAB', 'UMPK', 'Aerial Bomb', 'GBU']),
  ...[
    'Unknown UAV',
    'Reconnaissance UAV',
    'Orlan-10',
    'Orlan-30',
    'ZALA',
    'Supercam',
    'Lancet',
    'Merlin-VR',
    'Mohajer-6',
    'Orion',
    'Forpost',
    'Granat-4',
    'Eleron',
    'Kub',
    'Banderol',
  ].map((n) => m(`uav:${n.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, n, 'uav', [n])),
  m('uav:molniya', 'Molniya', 'uav', ['Молнія', 'Molniya', 'Молния']),
  m('uav:kartograf', 'Kartograf', 'uav', ['Картограф', 'Kartograf']),
  m('uav:privet-82', 'Privet-82', 'uav', ['Привет-82', 'Pryvet-82', 'Privet-82']),
  m('uav:feniks', 'Feniks', 'uav', ['Фенікс', 'Feniks']),
];
