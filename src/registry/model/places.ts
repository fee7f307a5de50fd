/**
 * Places below region level that the Air Force reports name as launch areas or targets, with the ISO 3166-2
 * region they lie in. Airfields and ranges: their administrative location as commonly reported (e.g.
 * Shatalovo air base, Smolensk oblast; Engels-2, Saratov oblast; Kapustin Yar, Astrakhan oblast).
 * Seas and directions are places without a region: a direction ("north") is never turned into a region.
 */
export type PlaceKind = 'region' | 'settlement' | 'site' | 'sea' | 'direction' | 'country' | 'unknown';

export interface PlaceRecord {
  readonly names: readonly string[];
  readonly kind: Exclude<PlaceKind, 'region' | 'unknown'>;
  readonly iso?: string;
  readonly direction?: string;
}

const s = (iso: string, ...names: string[]): PlaceRecord => ({ names, kind: 'settlement', iso });
const site = (iso: string, ...names: string[]): PlaceRecord => ({ names, kind: 'site', iso });
const dir = (direction: string, ...names: string[]): PlaceRecord => ({
  names: [direction, ...names],
  kind: 'direction',
  direction,
});

export const PLACES: readonly PlaceRecord[] = [
  // Ukraine, government-controlled and occupied
  s('UA-12', 'Dnipro', 'Dnepr'),
  s('UA-12', 'Kryvyi Rih', 'Krivoy Rog'),
  s('UA-63', 'Kharkiv', 'Kharkov', 'Харків'),
  s('UA-65', 'Kherson'),
  s('UA-26', 'Kolomyia'),
  s('UA-14', 'Kramatorsk'),
  s('UA-48', 'Ochakiv'),
  s('UA-51', 'Odesa', 'Odessa'),
  s('UA-51', 'Snake Island', 'Zmiinyi Island'),
  s('UA-68', 'Starokostiantyniv'),
  s('UA-59', 'Sumy'),
  s('UA-23', 'Zaporizhzhia', 'Zaporozhye'),
  s('UA-53', 'Kremenchuk'),
  s('UA-07', 'Lutsk'),
  s('UA-53', 'Poltava'),
  s('UA-14', 'Mariupol'),
  s('UA-23', 'Berdiansk', 'Berdyansk'),
  s('UA-23', 'Melitopol'),
  s('UA-23', 'Tokmak'),
  s('UA-23', 'Prymorsk', 'Primorsk'),
  s('UA-46', 'Lviv'),
  s('UA-05', 'Vinnytsia'),
  s('UA-43', 'Chauda'),
  s('UA-43', 'Hvardiiske', 'Gvardeyskoye'),
  s('UA-43', 'Dzhankoi', 'Dzhankoy'),
  s('UA-43', 'Cape Tarkhankut', 'Tarkhankut'),
  s('UA-43', 'Saky', 'Saki'),
  s('UA-43', 'Feodosia', 'Feodosiya'),
  s('UA-43', 'Yalta'),
  s('UA-40', 'Balaklava'),
  s('UA-40', 'Belbek'),
  s('UA-40', 'Kacha'),
  // Russia
  s('RU-BEL', 'Belgorod'),
  s('RU-KRS', 'Kursk'),
  s('RU-VOR', 'Voronezh'),
  s('RU-ROS', 'Millerovo'),
  s('RU-ROS', 'Morozovsk'),
  s('RU-ROS', 'Taganrog'),
  s('RU-ROS', 'Volgodonsk'),
  s('RU-KDA', 'Yeysk', 'Yeisk'),
  s('RU-KDA', 'Primorsko-Akhtarsk'),
  s('RU-KDA', 'Anapa'),
  s('RU-KDA', 'Novorossiysk'),
  site('RU-SMO', 'Shatalovo'),
  site('RU-SAR', 'Engels-2', 'Engels'),
  site('RU-AST', 'Kapustin Yar'),
  site('RU-BRY', 'Seshcha'),
  site('RU-KLU', 'Shaykovka'),
  site('RU-NIZ', 'Savasleyka'),
  site('RU-MUR', 'Olenya', 'Olenegorsk'),
  site('RU-NGR', 'Soltsy-2', 'Soltsy'),
  // Countries
  { names: ['Ukraine'], kind: 'country', iso: 'UA' },
  { names: ['Russia', 'Russian Federation'], kind: 'country', iso: 'RU' },
  { names: ['Belarus'], kind: 'country', iso: 'BY' },
  // Seas (no region)
  { names: ['Black Sea'], kind: 'sea' },
  { names: ['Caspian Sea'], kind: 'sea' },
  { names: ['Sea of Azov', 'Azov Sea', 'eastern coast of Sea of Azov'], kind: 'sea' },
  // Directions (no region)
  dir('north'),
  dir('south'),
  dir('east'),
  dir('west'),
  dir('north-east', 'northeast'),
  dir('north-west', 'northwest'),
  dir('south-east', 'southeast'),
  dir('south-west', 'southwest'),
  dir('center', 'centre'),
  dir('front line', 'frontline'),
];
