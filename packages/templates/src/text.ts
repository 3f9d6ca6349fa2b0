import type { TLRichText } from 'tldraw';

/**
 * tldraw's rich text (a TipTap doc) for plain text, one paragraph per line. Same output as
 * tldraw's `toRichText`, without importing tldraw at runtime (which pulls in DOM code).
 */
export function toRichText(text: string): TLRichText {
  return {
    type: 'doc',
    content: text.split('\n').map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  };
}

/** Text sizes used by this package. */
export type TextSize = 's' | 'm' | 'l' | 'xl';

/** Font size in px of tldraw's text shape per size (theme font size 16 × tldraw's FONT_SIZES). */
const FONT_PX: Record<TextSize, number> = { s: 18, m: 24, l: 36, xl: 44 };

/** tldraw's default line height. */
const LINE_HEIGHT = 1.35;

/**
 * Average glyph width as a share of the font size. Real sans text averages about 0.5; 0.6 errs
 * on the wide side so an estimate never promises a fit the browser can't deliver.
 */
const GLYPH_WIDTH = 0.6;

/** Lines `text` wraps into at `width` px (greedy word wrap, long words broken). Pure estimate, no DOM. */
export function wrapLines(text: string, width: number, size: TextSize): string[] {
  const perLine = Math.max(1, Math.floor(width / (FONT_PX[size] * GLYPH_WIDTH)));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (word.length > perLine) {
        if (line) lines.push(line);
        lines.push(word.slice(0, perLine));
        word = word.slice(perLine);
        line = '';
      }
      const next = line ? `${line} ${word}` : word;
      if (next.length > perLine) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Estimated height in px of a fixed-width tldraw text shape holding `text`. */
export function estimateTextHeight(text: string, width: number, size: TextSize): number {
  return Math.ceil(wrapLines(text, width, size).length * FONT_PX[size] * LINE_HEIGHT);
}
