import { isIsoDate } from './text.ts';

// Staged-compromise prompts ask for "owner and date on each note"; people write them inline.

/** Longest owner name kept. */
const MAX_OWNER_LENGTH = 60;

/**
 * The owner a note names: `@name` (letters, digits, `.`, `_`, `-`), else `owner: name` (up to a
 * `,`, `;`, line end, or ` by ` / ` due `). Null when it names none.
 */
export function findOwner(text: string): string | null {
  const mention = /(?:^|[\s(])@([\p{L}\p{N}][\p{L}\p{N}._-]*)/u.exec(text);
  if (mention?.[1]) return trimOwner(mention[1].replace(/[._-]+$/, ''));
  const labelled = /\bowner\s*[:=]\s*([^,;\n]+)/iu.exec(text);
  if (!labelled?.[1]) return null;
  const name = labelled[1].split(/\s+(?:by|due|until|before)\b/iu)[0] ?? '';
  return trimOwner(name.replace(/[\s.]+$/, ''));
}

function trimOwner(name: string): string | null {
  const t = name.trim();
  return t ? t.slice(0, MAX_OWNER_LENGTH) : null;
}

/** The first real calendar date written `YYYY-MM-DD` in a note, or null. */
export function findDueDate(text: string): string | null {
  for (const m of text.matchAll(/(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])/g)) {
    if (m[1] && isIsoDate(m[1])) return m[1];
  }
  return null;
}
