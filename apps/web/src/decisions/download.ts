/** Offers a blob as a file download (the record routes need a Bearer token, so no plain links). */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug of a title. */
export function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'board'
  );
}

/** The longest side of an exported PNG, in pixels: a whole workshop board fits a screen and a slide. */
export const MAX_EXPORT_SIDE = 4096;

/**
 * The scale and pixel ratio of a PNG export of an area `w` × `h` (page units) with `padding` around
 * it, so the image's long side is at most `maxSide` pixels — full resolution (2× for sharp text)
 * when that fits, smaller when the board is large.
 */
export function pngExportSize(w: number, h: number, padding: number, maxSide = MAX_EXPORT_SIDE): { scale: number; pixelRatio: number; width: number; height: number } {
  const long = Math.max(w, h) + 2 * padding;
  const pixelRatio = long * 2 <= maxSide ? 2 : 1;
  const scale = Math.min(1, maxSide / (long * pixelRatio));
  return { scale, pixelRatio, width: Math.round((w + 2 * padding) * scale * pixelRatio), height: Math.round((h + 2 * padding) * scale * pixelRatio) };
}
