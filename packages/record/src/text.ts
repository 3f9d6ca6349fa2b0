// Text from the board is untrusted: any client may write anything into a note, a frame name or
// meta. Records keep it as written, minus what could disguise it.

// C0 and C1 controls (except newline and tab), and the bidi embeddings, overrides and isolates
// that can make text read differently from how it is stored.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this sanitizer's purpose.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Multi-line text from the board: line endings normalised, controls removed, tabs as spaces, lines
 * right-trimmed, blank lines at either end dropped, at most `max` characters (cut text ends in `…`).
 */
export function cleanText(value: string, max: number): string {
  const lines = value
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((l) => l.trimEnd());
  while (lines.length && !lines[0]!.trim()) lines.shift();
  while (lines.length && !lines.at(-1)!.trim()) lines.pop();
  return cut(lines.join('\n'), max);
}

/** One-line text (a name, a label): like {@link cleanText}, with whitespace runs as one space. */
export function cleanLine(value: string, max: number): string {
  return cut(cleanText(value, Number.MAX_SAFE_INTEGER).replace(/\s+/g, ' ').trim(), max);
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  // By code point, so a surrogate pair is never split.
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
