// The records as the zod schemas (./schema.ts) would return them, made from JSON that has
// already passed those schemas, without loading zod: fields in the schema's order, the
// schema's defaults filled in, unknown keys dropped, strings trimmed (the schemas trim every
// free text, and every other string they accept has no outer spaces). Used at start-up when data:check has
// validated exactly these files (src/store/data-manifest.ts). data:check writes that manifest
// only when this gives the very same records as the schemas (same values, same key order), so
// a schema change this file does not follow makes every start validate again, never trusts.
import type { DatasetMeta, Incident, Party } from './schema.ts';

/** A scalar field (a string, trimmed; a number; a boolean). */
export const VALUE = { kind: 'value' } as const;
export type Field = typeof VALUE | { kind: 'object'; shape: Shape } | { kind: 'list'; of: Field } | { kind: 'defaultList'; of: Field };
export type Shape = Readonly<Record<string, Field>>;

export const object = (shape: Shape): Field => ({ kind: 'object', shape });
export const list = (of: Field): Field => ({ kind: 'list', of });
/** A list the schema defaults to [] when it is missing. */
export const listOrEmpty = (of: Field): Field => ({ kind: 'defaultList', of });

const BILINGUAL = object({ en: VALUE, ur: VALUE });
const SOURCE = object({ id: VALUE, publisher: VALUE, title: VALUE, date: VALUE, url: VALUE, language: VALUE });
const CLAIM = object({
  id: VALUE,
  type: VALUE,
  date: VALUE,
  by: VALUE,
  against: listOrEmpty(VALUE),
  basis: VALUE,
  strength: VALUE,
  reportedBy: VALUE,
  summary: BILINGUAL,
  quote: object({ text: VALUE, language: VALUE, translation: BILINGUAL }),
  sources: list(VALUE),
  respondsTo: VALUE,
});
const INCIDENT: Shape = {
  id: VALUE,
  title: BILINGUAL,
  summary: BILINGUAL,
  occurred: object({ start: VALUE, end: VALUE }),
  firstAttributed: VALUE,
  victims: list(BILINGUAL),
  names: listOrEmpty(VALUE),
  tags: listOrEmpty(VALUE),
  victimStates: listOrEmpty(VALUE),
  sources: list(SOURCE),
  claims: list(CLAIM),
  imported: object({ from: VALUE, id: VALUE, url: VALUE, version: VALUE }),
  notes: listOrEmpty(VALUE),
};
const PARTY: Shape = {
  id: VALUE,
  kind: VALUE,
  name: BILINGUAL,
  aliases: listOrEmpty(object({ name: VALUE, source: VALUE })),
  state: VALUE,
  registry: VALUE,
  note: BILINGUAL,
  urOblique: VALUE,
};
const META: Shape = { reviewed: VALUE, version: VALUE };

function convert(value: unknown, field: Field): unknown {
  switch (field.kind) {
    case 'value':
      return typeof value === 'string' ? value.trim() : value;
    case 'object':
      return shaped(value as Record<string, unknown>, field.shape);
    case 'list':
    case 'defaultList':
      return (value as unknown[]).map((v) => convert(v, field.of));
  }
}

/** A validated record in the schema's shape: its fields in the schema's order, defaults filled in. */
export function shaped(raw: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in shape) {
    const field = shape[key]!;
    const value = raw[key];
    if (value === undefined) {
      if (field.kind === 'defaultList') out[key] = [];
      continue;
    }
    out[key] = convert(value, field);
  }
  return out;
}

export const incidentFromStore = (raw: unknown): Incident => shaped(raw as Record<string, unknown>, INCIDENT) as unknown as Incident;
export const partiesFromStore = (raw: unknown): Party[] => ((raw as { parties: unknown[] }).parties ?? []).map((p) => shaped(p as Record<string, unknown>, PARTY) as unknown as Party);
export const metaFromStore = (raw: unknown): DatasetMeta => shaped(raw as Record<string, unknown>, META) as unknown as DatasetMeta;
