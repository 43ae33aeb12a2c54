// Which vendor a threat-actor name comes from, when the catalogues only say where it is
// listed. Vendors name actors by published schemes (CrowdStrike's animals, Microsoft's
// weather, Secureworks' metals, Palo Alto's constellations ...), so a name that fits one
// scheme unmistakably can be credited to it. Names that fit none stay uncredited.

/** Catalogues record where a name is listed, not who coined it. */
export const CATALOGUES = new Set(['MISP', 'MITRE ATT&CK', 'Microsoft mapping']);

const SCHEMES: Array<[RegExp, string]> = [
  [/^[a-z]+ (bear|panda|kitten|chollima|spider|jackal|tiger|leopard|buffalo|crane|ocelot|wolf)$/i, 'CrowdStrike'],
  [/^[a-z]+ (blizzard|typhoon|sandstorm|sleet|tempest|cyclone|dust|hail|rain|tsunami|flood)$/i, 'Microsoft'],
  [/^(storm|dev)-\d{3,4}$/i, 'Microsoft'],
  [/^(iron|bronze|cobalt|nickel|gold|tin|copper|zinc|platinum) [a-z]+$/i, 'Secureworks'],
  [/^tg-\d{3,4}$/i, 'Secureworks'],
  [/^(apt|unc|fin)\s?-?\d{1,4}$/i, 'Mandiant'],
  [/^ta\d{3,4}$/i, 'Proofpoint'],
  [/^[a-z]+ (ursa|taurus|serpens|pisces|libra|scorpius|draco|orion)$/i, 'Palo Alto'],
  [/^g\d{4}$/i, 'MITRE ATT&CK'],
];

export function schemeVendor(name: string): string | undefined {
  const trimmed = name.trim();
  return SCHEMES.find(([re]) => re.test(trimmed))?.[1];
}

/** The vendors to credit a name to: its non-catalogue sources, else the scheme it fits. */
export function creditedVendors(name: string, sources: string[]): string[] {
  const vendors = sources.filter((s) => !CATALOGUES.has(s));
  if (vendors.length) return vendors;
  const scheme = schemeVendor(name);
  return scheme ? [scheme] : [];
}
