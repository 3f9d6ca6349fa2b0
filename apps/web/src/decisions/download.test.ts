import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_SIDE, pngExportSize, slug } from './download.ts';
import { fileTitle } from './ImportTldr.tsx';

describe('exports', () => {
  it('keeps a small board sharp (2x) and caps a workshop-sized one at the long side', () => {
    expect(pngExportSize(800, 600, 32)).toEqual({ scale: 1, pixelRatio: 2, width: 1728, height: 1328 });
    const wide = pngExportSize(17_000, 2_400, 32);
    expect(Math.max(wide.width, wide.height)).toBeLessThanOrEqual(MAX_EXPORT_SIDE);
    expect(wide.width).toBeGreaterThan(MAX_EXPORT_SIDE - 2);
    expect(wide.pixelRatio).toBe(1);
    const tall = pngExportSize(1_000, 9_000, 0, 2048);
    expect(tall.height).toBe(2048);
  });

  it('names files after the board and boards after their file', () => {
    expect(slug('Growth team: experiments vs rebuild')).toBe('growth-team-experiments-vs-rebuild');
    expect(slug('***')).toBe('board');
    expect(fileTitle('Team retro.tldr')).toBe('Team retro');
    expect(fileTitle('.tldr')).toBeUndefined();
  });
});
