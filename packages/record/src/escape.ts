// Markdown from untrusted text. The record's structure (headings, lists, tables) is ours; text
// from the board must render as the literal characters people typed and never add structure:
// no headings, HTML, links, images, code, emphasis, table columns or list items of its own.

// Characters that mean something inline in CommonMark/GFM (and GitHub's `$` math). `(` `)` and
// `!` are harmless once `[` and `]` are escaped, so they stay readable.
const INLINE_SPECIAL = /[\\`*_[\]<>#|~$&]/g;

/** One line of text as literal Markdown, safe anywhere inline and at the start of a line. */
function escapeLine(line: string): string {
  const text = line.trim().replace(INLINE_SPECIAL, (c) => `\\${c}`);
  // Block markers only count at the start of a line: list bullets, setext underlines, ordered list numbers.
  if (/^[-+=]/.test(text)) return `\\${text}`;
  return text.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** The non-blank lines of a text. */
const lines = (text: string): string[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Text on a single line (a heading, a label, a name): line breaks become spaces. */
export function inline(text: string): string {
  return escapeLine(lines(text).join(' '));
}

/** Text inside a table cell: like {@link inline}, with line breaks shown as ` / `. */
export function cell(text: string): string {
  return lines(text).map(escapeLine).join(' / ');
}

/**
 * Text as the body of a list item (after `- `): each line of the note on its own line, joined by
 * hard breaks and indented so they stay inside the item. Blank lines are dropped, since one would
 * end the item.
 */
export function listItem(text: string, indent = 2): string {
  return lines(text).map(escapeLine).join(`\\\n${' '.repeat(indent)}`);
}

/** Text as paragraphs: blank lines separate paragraphs, single line breaks are kept as hard breaks. */
export function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => lines(p).map(escapeLine).join('\\\n'))
    .filter(Boolean)
    .join('\n\n');
}
