import type { TLDefaultColorStyle } from 'tldraw';
import type { BuildOptions, Party, PartyLabels, PartyRef, TemplateOptions } from './types.ts';

/** Colour of each party, the same in every template. */
export const PARTY_COLORS: Record<Party, TLDefaultColorStyle> = { em: 'blue', pm: 'violet', business: 'orange' };

/** Colours of areas that belong to no single party. */
export const AREA_COLORS = {
  shared: 'green',
  tension: 'red',
  neutral: 'grey',
  question: 'yellow',
} as const satisfies Record<string, TLDefaultColorStyle>;

/** Labels used when the caller names no one. */
export const DEFAULT_PARTY_LABELS: Record<Party, string> = { em: 'EM', pm: 'PM', business: 'Business lead' };

/** Bounds of the options the parser enforces. */
const OPTION_LIMITS = { labelMaxLength: 40, minStages: 2, maxStages: 4, defaultStages: 3, idPrefixPattern: /^[A-Za-z0-9_-]{1,40}$/ } as const;

/** Options with every default filled in; what the layouts work from. */
export type ResolvedOptions = {
  idPrefix: string;
  labels: Record<Party, string>;
  includeBusiness: boolean;
  stages: number;
  /** `em`, `pm`, then `business` when included. */
  parties: Party[];
};

/** Either a value or a message saying what is wrong with the input. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

const OPTION_KEYS = ['parties', 'includeBusiness', 'stages'] as const;
const PARTY_KEYS = ['em', 'pm', 'business'] as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseLabel(name: string, v: unknown): ParseResult<string | undefined> {
  if (v === undefined || v === null) return { ok: true, value: undefined };
  if (typeof v !== 'string') return { ok: false, error: `${name} must be a string` };
  const label = v.trim().replace(/\s+/g, ' ');
  if (!label) return { ok: true, value: undefined };
  // Control characters would corrupt frame names and the Markdown record.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is for control characters.
  if (/[\u0000-\u001f\u007f]/.test(label)) return { ok: false, error: `${name} must not contain control characters` };
  if (label.length > OPTION_LIMITS.labelMaxLength) return { ok: false, error: `${name} must be at most ${OPTION_LIMITS.labelMaxLength} characters` };
  return { ok: true, value: label };
}

/**
 * Validates untrusted options (JSON body or URL query values). Unknown keys are errors so a typo
 * is reported rather than ignored. Accepts `"true"`/`"false"` and digit strings from URLs.
 */
export function parseOptions(input: unknown): ParseResult<TemplateOptions> {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (!isPlainObject(input)) return { ok: false, error: 'options must be an object' };
  for (const key of Object.keys(input)) {
    if (!(OPTION_KEYS as readonly string[]).includes(key)) return { ok: false, error: `unknown option '${key}' (allowed: ${OPTION_KEYS.join(', ')})` };
  }
  const out: TemplateOptions = {};
  if (input.parties !== undefined) {
    if (!isPlainObject(input.parties)) return { ok: false, error: 'parties must be an object like { "em": "Priya (EM)" }' };
    const parties: PartyLabels = {};
    for (const key of Object.keys(input.parties)) {
      if (!(PARTY_KEYS as readonly string[]).includes(key)) return { ok: false, error: `unknown party '${key}' (allowed: ${PARTY_KEYS.join(', ')})` };
    }
    for (const key of PARTY_KEYS) {
      const label = parseLabel(`parties.${key}`, input.parties[key]);
      if (!label.ok) return label;
      if (label.value !== undefined) parties[key] = label.value;
    }
    out.parties = parties;
  }
  const business = input.includeBusiness;
  if (business !== undefined) {
    if (business === true || business === 'true') out.includeBusiness = true;
    else if (business === false || business === 'false') out.includeBusiness = false;
    else return { ok: false, error: 'includeBusiness must be true or false' };
  }
  const stages = input.stages;
  if (stages !== undefined) {
    const n = typeof stages === 'string' && /^\d+$/.test(stages.trim()) ? Number(stages) : stages;
    const { minStages: min, maxStages: max } = OPTION_LIMITS;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
      return { ok: false, error: `stages must be an integer from ${min} to ${max} (got ${JSON.stringify(stages)})` };
    }
    out.stages = n;
  }
  return { ok: true, value: out };
}

/** Fills defaults and validates; throws an `Error` with the parser's message on bad input. */
export function resolveOptions(options: BuildOptions): ResolvedOptions {
  const { idPrefix, ...rest } = options;
  if (typeof idPrefix !== 'string' || !OPTION_LIMITS.idPrefixPattern.test(idPrefix)) {
    throw new Error(`idPrefix must be 1–40 characters of A-Z a-z 0-9 _ - (got ${JSON.stringify(idPrefix)})`);
  }
  const parsed = parseOptions(rest);
  if (!parsed.ok) throw new Error(parsed.error);
  const o = parsed.value;
  const includeBusiness = o.includeBusiness ?? false;
  return {
    idPrefix,
    labels: { ...DEFAULT_PARTY_LABELS, ...o.parties },
    includeBusiness,
    stages: o.stages ?? OPTION_LIMITS.defaultStages,
    parties: includeBusiness ? ['em', 'pm', 'business'] : ['em', 'pm'],
  };
}

/** Display label of a party or pair, e.g. `Priya (EM) + PM`. */
export function partyLabel(labels: Record<Party, string>, ref: PartyRef): string {
  return ref
    .split('+')
    .map((p) => labels[p as Party])
    .join(' + ');
}
