import type { Provision } from './model.js';

/**
 * UN Security Council provisions on arms transfers from the DPRK (DOMAIN.md). Salvo quotes no resolution text
 * it has not checked against the official document: `quotation` stays null and the paragraph is cited by
 * number and document symbol, with Salvo's own summary clearly labelled as such. Where the operative paragraph
 * has not been checked, none is cited. Official texts: https://undocs.org/<symbol>.
 */
const RESOLUTIONS: readonly Omit<Provision, 'ref'>[] = [
  {
    symbol: 'S/RES/1718 (2006)',
    title: 'Security Council resolution 1718 (2006)',
    paragraphs: 'operative paragraph 8 (a) and (b)',
    summary:
      'Establishes the arms embargo on the DPRK: covers missiles and missile systems, requires the DPRK to cease their export and Member States to prohibit their procurement from the DPRK.',
    quotation: null,
    url: 'https://undocs.org/S/RES/1718(2006)',
  },
  {
    symbol: 'S/RES/1874 (2009)',
    title: 'Security Council resolution 1874 (2009)',
    paragraphs: 'operative paragraph 9',
    summary:
      'Extends the measures of paragraph 8 (b) of resolution 1718 (2006) to all arms and related materiel.',
    quotation: null,
    url: 'https://undocs.org/S/RES/1874(2009)',
  },
  {
    symbol: 'S/RES/2270 (2016)',
    title: 'Security Council resolution 2270 (2016)',
    paragraphs: 'paragraph not cited: check the official text',
    summary: 'Strengthens the sanctions regime of resolution 1718 (2006), including its arms embargo.',
    quotation: null,
    url: 'https://undocs.org/S/RES/2270(2016)',
  },
  {
    symbol: 'S/RES/2321 (2016)',
    title: 'Security Council resolution 2321 (2016)',
    paragraphs: 'paragraph not cited: check the official text',
    summary: 'Strengthens the sanctions regime of resolution 1718 (2006), including its arms embargo.',
    quotation: null,
    url: 'https://undocs.org/S/RES/2321(2016)',
  },
  {
    symbol: 'S/RES/2397 (2017)',
    title: 'Security Council resolution 2397 (2017)',
    paragraphs: 'paragraph not cited: check the official text',
    summary: 'Strengthens the sanctions regime of resolution 1718 (2006), including its arms embargo.',
    quotation: null,
    url: 'https://undocs.org/S/RES/2397(2017)',
  },
];

/** The provisions a finding of DPRK origin bears on, numbered P1... */
export function dprkArmsProvisions(): Provision[] {
  return RESOLUTIONS.map((r, i) => ({ ref: `P${i + 1}`, ...r }));
}

/** Origin states whose material the arms-transfer provisions concern. */
export const PROVISION_ORIGINS: readonly string[] = ['KP'];
