/**
 * First-level administrative regions joined on ISO 3166-2 codes (never on spellings), with English, Ukrainian
 * and Russian names and the spelling variants met in the datasets. ISO 3166-2 and UN General Assembly
 * resolution 68/262 place Crimea (UA-43) and Sevastopol (UA-40) in Ukraine; so does Salvo, whatever a source
 * file says (Natural Earth files them under Russia).
 *
 * Sources: ISO 3166-2:UA and ISO 3166-2:RU code lists (iso.org/obp, as reproduced by geoBoundaries' shapeISO
 * and Natural Earth's iso_3166_2 fields). Names: official Ukrainian and Russian forms; English per the
 * Ukrainian national transliteration (Cabinet of Ministers resolution 55 of 2010).
 */
export interface RegionRecord {
  readonly iso: string;
  readonly country: 'UA' | 'RU' | 'BY';
  readonly level: 'oblast' | 'city' | 'republic' | 'krai' | 'country';
  readonly nameEn: string;
  readonly nameUk: string;
  readonly nameRu: string;
  /** Other spellings seen in the data or in common use (without the word "oblast"). */
  readonly variants: readonly string[];
}

const ua = (
  iso: string,
  nameEn: string,
  nameUk: string,
  nameRu: string,
  variants: string[] = [],
  level: RegionRecord['level'] = 'oblast',
): RegionRecord => ({ iso, country: 'UA', level, nameEn, nameUk, nameRu, variants });
const ru = (
  iso: string,
  nameEn: string,
  nameUk: string,
  nameRu: string,
  variants: string[] = [],
  level: RegionRecord['level'] = 'oblast',
): RegionRecord => ({ iso, country: 'RU', level, nameEn, nameUk, nameRu, variants });

export const REGIONS: readonly RegionRecord[] = [
  ua('UA-05', 'Vinnytsia', 'Вінницька область', 'Винницкая область', ['Vinnytska', 'Vinnitsa']),
  ua('UA-07', 'Volyn', 'Волинська область', 'Волынская область', ['Volynska', 'Lutsk oblast']),
  ua('UA-09', 'Luhansk', 'Луганська область', 'Луганская область', ['Luhanska', 'Lugansk']),
  ua('UA-12', 'Dnipropetrovsk', 'Дніпропетровська область', 'Днепропетровская область', [
    'Dnipropetrovska',
    'Dnepropetrovsk',
    'Dnipro oblast',
    'Dnipropetrovsk oblas',
  ]),
  ua('UA-14', 'Donetsk', 'Донецька область', 'Донецкая область', ['Donetska']),
  ua('UA-18', 'Zhytomyr', 'Житомирська область', 'Житомирская область', ['Zhytomyrska', 'Zhitomir']),
  ua('UA-21', 'Zakarpattia', 'Закарпатська область', 'Закарпатская область', [
    'Zakarpatska',
    'Transcarpathia',
  ]),
  ua('UA-23', 'Zaporizhzhia', 'Запорізька область', 'Запорожская область', [
    'Zaporizka',
    'Zaporizhia',
    'Zaporozhye',
  ]),
  ua('UA-26', 'Ivano-Frankivsk', 'Івано-Франківська область', 'Ивано-Франковская область', [
    'Ivano-Frankivska',
  ]),
  ua('UA-30', 'Kyiv (city)', 'Київ', 'Киев', ['Kyiv city', 'Kiev city', 'City of Kyiv', 'Kyiv'], 'city'),
  ua('UA-32', 'Kyiv oblast', 'Київська область', 'Киевская область', ['Kyivska', 'Kiev oblast']),
  ua('UA-35', 'Kirovohrad', 'Кіровоградська область', 'Кировоградская область', [
    'Kirovohradska',
    'Kropyvnytskyi oblast',
  ]),
  ua('UA-40', 'Sevastopol', 'Севастополь', 'Севастополь', ['Sevastopol city'], 'city'),
  ua(
    'UA-43',
    'Autonomous Republic of Crimea',
    'Автономна Республіка Крим',
    'Автономная Республика Крым',
    ['Crimea', 'Krym', 'Republic of Crimea', 'Avtonomna Respublika Krym'],
    'republic',
  ),
  ua('UA-46', 'Lviv', 'Львівська область', 'Львовская область', ['Lvivska', 'Lvov']),
  ua('UA-48', 'Mykolaiv', 'Миколаївська область', 'Николаевская область', [
    'Mykolaivska',
    'Nikolaev',
    'Mykolayiv',
  ]),
  ua('UA-51', 'Odesa', 'Одеська область', 'Одесская область', ['Odeska', 'Odessa']),
  ua('UA-53', 'Poltava', 'Полтавська область', 'Полтавская область', ['Poltavska']),
  ua('UA-56', 'Rivne', 'Рівненська область', 'Ровенская область', ['Rivnenska', 'Rovno']),
  ua('UA-59', 'Sumy', 'Сумська область', 'Сумская область', ['Sumska']),
  ua('UA-61', 'Ternopil', 'Тернопільська область', 'Тернопольская область', ['Ternopilska']),
  ua('UA-63', 'Kharkiv', 'Харківська область', 'Харьковская область', ['Kharkivska', 'Kharkov']),
  ua('UA-65', 'Kherson', 'Херсонська область', 'Херсонская область', ['Khersonska']),
  ua('UA-68', 'Khmelnytskyi', 'Хмельницька область', 'Хмельницкая область', ['Khmelnytska', 'Khmelnitsky']),
  ua('UA-71', 'Cherkasy', 'Черкаська область', 'Черкасская область', ['Cherkaska', 'Cherkassy']),
  ua('UA-74', 'Chernihiv', 'Чернігівська область', 'Черниговская область', ['Chernihivska', 'Chernigov']),
  ua('UA-77', 'Chernivtsi', 'Чернівецька область', 'Черновицкая область', ['Chernivetska', 'Chernovtsy']),
  ru('RU-BEL', 'Belgorod', 'Бєлгородська область', 'Белгородская область', ['Bilhorod']),
  ru('RU-KRS', 'Kursk', 'Курська область', 'Курская область'),
  ru('RU-VOR', 'Voronezh', 'Воронезька область', 'Воронежская область'),
  ru('RU-BRY', 'Bryansk', 'Брянська область', 'Брянская область'),
  ru('RU-ROS', 'Rostov', 'Ростовська область', 'Ростовская область'),
  ru('RU-ORL', 'Oryol', 'Орловська область', 'Орловская область', ['Orel', 'Orlov']),
  ru('RU-LIP', 'Lipetsk', 'Липецька область', 'Липецкая область'),
  ru('RU-TAM', 'Tambov', 'Тамбовська область', 'Тамбовская область'),
  ru('RU-TUL', 'Tula', 'Тульська область', 'Тульская область'),
  ru('RU-RYA', 'Ryazan', 'Рязанська область', 'Рязанская область'),
  ru('RU-SAR', 'Saratov', 'Саратовська область', 'Саратовская область'),
  ru('RU-SAM', 'Samara', 'Самарська область', 'Самарская область'),
  ru('RU-VGG', 'Volgograd', 'Волгоградська область', 'Волгоградская область'),
  ru('RU-AST', 'Astrakhan', 'Астраханська область', 'Астраханская область'),
  ru('RU-KDA', 'Krasnodar Krai', 'Краснодарський край', 'Краснодарский край', ['Krasnodar', 'Kuban'], 'krai'),
  ru('RU-NIZ', 'Nizhny Novgorod', 'Нижньогородська область', 'Нижегородская область', ['Nizhegorod']),
  ru('RU-VLG', 'Vologda', 'Вологодська область', 'Вологодская область'),
  ru('RU-SMO', 'Smolensk', 'Смоленська область', 'Смоленская область'),
  ru('RU-MUR', 'Murmansk', 'Мурманська область', 'Мурманская область'),
  ru('RU-NGR', 'Novgorod', 'Новгородська область', 'Новгородская область'),
  ru('RU-KLU', 'Kaluga', 'Калузька область', 'Калужская область'),
  {
    iso: 'BY',
    country: 'BY',
    level: 'country',
    nameEn: 'Belarus',
    nameUk: 'Білорусь',
    nameRu: 'Беларусь',
    variants: ['Republic of Belarus'],
  },
];

/**
 * Codes some sources use for Ukrainian territory that ISO 3166-2 assigns to Ukraine; an importer maps them
 * before storing (Natural Earth: Crimea and Sevastopol under Russia).
 */
export const ISO_NORMALISATION: Readonly<Record<string, string>> = {
  'RU-KRY': 'UA-43',
  'RU-CR': 'UA-43',
  'RU-SEV': 'UA-40',
  'UA-KR': 'UA-43',
};
