/**
 * Manufacturers seen on recovered missile electronics, normalised, with the country of their headquarters
 * (ISO 3166-1 alpha-2), as the companies state it publicly. A brand keeps its own entry (Linear Technology,
 * Maxim) even when later acquired: the marking names the brand. Extend the table as new makers appear.
 */
export interface Manufacturer {
  readonly name: string;
  readonly country: string;
  readonly aliases: readonly string[];
}

export const MANUFACTURERS: readonly Manufacturer[] = [
  { name: 'Analog Devices', country: 'US', aliases: ['adi', 'analog devices inc', 'analog'] },
  { name: 'Linear Technology', country: 'US', aliases: ['lt', 'ltc', 'linear tech'] },
  { name: 'Maxim Integrated', country: 'US', aliases: ['maxim', 'dallas semiconductor', 'dallas'] },
  {
    name: 'Texas Instruments',
    country: 'US',
    aliases: ['ti', 'texas instruments inc', 'burr brown', 'national semiconductor'],
  },
  { name: 'Broadcom', country: 'US', aliases: ['avago', 'broadcom inc', 'avago technologies'] },
  { name: 'Microchip Technology', country: 'US', aliases: ['microchip', 'atmel', 'microsemi'] },
  { name: 'onsemi', country: 'US', aliases: ['on semiconductor', 'on semi', 'fairchild'] },
  { name: 'Vishay', country: 'US', aliases: ['vishay intertechnology', 'siliconix'] },
  { name: 'Xilinx', country: 'US', aliases: ['amd xilinx'] },
  { name: 'Intel', country: 'US', aliases: ['altera'] },
  { name: 'Cypress Semiconductor', country: 'US', aliases: ['cypress'] },
  { name: 'Micron Technology', country: 'US', aliases: ['micron'] },
  { name: 'Silicon Labs', country: 'US', aliases: ['silicon laboratories', 'silabs'] },
  { name: 'Diodes Incorporated', country: 'US', aliases: ['diodes', 'diodes inc'] },
  { name: 'NXP Semiconductors', country: 'NL', aliases: ['nxp', 'philips semiconductors', 'freescale'] },
  { name: 'Nexperia', country: 'NL', aliases: [] },
  { name: 'Infineon Technologies', country: 'DE', aliases: ['infineon', 'international rectifier', 'ir'] },
  { name: 'Bosch', country: 'DE', aliases: ['robert bosch', 'bosch sensortec'] },
  { name: 'Würth Elektronik', country: 'DE', aliases: ['wurth', 'wuerth', 'wurth elektronik'] },
  { name: 'STMicroelectronics', country: 'CH', aliases: ['st', 'stm', 'st microelectronics'] },
  { name: 'TE Connectivity', country: 'CH', aliases: ['te', 'tyco electronics'] },
  { name: 'Traco Power', country: 'CH', aliases: ['traco'] },
  { name: 'u-blox', country: 'CH', aliases: ['ublox'] },
  { name: 'XP Power', country: 'SG', aliases: ['xp'] },
  { name: 'Murata', country: 'JP', aliases: ['murata manufacturing'] },
  { name: 'TDK', country: 'JP', aliases: ['epcos', 'tdk lambda'] },
  { name: 'Renesas Electronics', country: 'JP', aliases: ['renesas', 'intersil', 'idt'] },
  { name: 'Rohm', country: 'JP', aliases: ['rohm semiconductor'] },
  { name: 'Toshiba', country: 'JP', aliases: ['toshiba electronic devices'] },
  { name: 'Panasonic', country: 'JP', aliases: [] },
  { name: 'Samsung Electronics', country: 'KR', aliases: ['samsung'] },
  { name: 'SK hynix', country: 'KR', aliases: ['hynix'] },
  { name: 'Holtek', country: 'TW', aliases: ['holtek semiconductor'] },
  { name: 'Nuvoton', country: 'TW', aliases: ['nuvoton technology'] },
  { name: 'Winbond', country: 'TW', aliases: ['winbond electronics'] },
  { name: 'Yageo', country: 'TW', aliases: [] },
  { name: 'GigaDevice', country: 'CN', aliases: ['gigadevice semiconductor', 'gd'] },
];

/** Lower case, no punctuation, without legal-form and generic words ("Inc.", "GmbH", "Corp."). */
export function manufacturerKey(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(
      /\b(inc|incorporated|corp|corporation|co|ltd|limited|llc|gmbh|ag|sa|nv|bv|plc|kk|company)\b/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

const INDEX = new Map<string, Manufacturer>();
for (const m of MANUFACTURERS) for (const a of [m.name, ...m.aliases]) INDEX.set(manufacturerKey(a), m);

/** The normalised manufacturer, or undefined when unknown (the raw text is kept either way). */
export const normaliseManufacturer = (raw: string): Manufacturer | undefined =>
  INDEX.get(manufacturerKey(raw));
