import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_SIDE, pngExportSize, slug } from './download.ts';
import { fileTitle, importTitle } from './ImportTldr.tsx';

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

describe('the title of an imported board', () => {
  const tldr = (records: unknown[]) => ({ tldrawFileFormatVersion: 1, schema: {}, records });
  it('is the file’s board title (its document’s name): the server keeps it, so none is sent', () => {
    expect(importTitle(tldr([{ typeName: 'document', id: 'document:document', name: 'Q3 offsite' }, { typeName: 'page', id: 'page:p', name: 'Page 1' }]), 'export (2).tldr')).toBeUndefined();
  });
  it('falls back to the file’s name when the document has no name, or there is none', () => {
    expect(importTitle(tldr([{ typeName: 'document', id: 'document:document', name: '  ' }]), 'Team retro.tldr')).toBe('Team retro');
    expect(importTitle(tldr([{ typeName: 'page', id: 'page:p', name: 'Page 1' }]), 'Team retro.tldr')).toBe('Team retro');
    expect(importTitle({ nonsense: true }, 'x.json')).toBe('x');
  });
});
