// Defensive readers for values that arrive from other clients (Yjs maps, awareness, meta).

/** `v` as a plain object, or null (arrays and null are not objects here). */
export const rec = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** A finite number? */
export const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `v` when it is a finite number, else null. */
export const numOrNull = (v: unknown): number | null => (num(v) ? v : null);

/** A whole number above zero, else 0. */
export const positiveInt = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0);

/** `v` cut to `max` characters when it is a string, else null. */
export const str = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);
