import { describe, expect, it } from 'vitest';
import { absoluteBounds, boxesOverlap, expandBox, findFreeSpot, isTopLevel, placeTemplate, placeTemplateNear, unionBoxes } from './geometry.ts';
import { getTemplate } from './registry.ts';
import type { Box } from './types.ts';

/** Small seeded generator (mulberry32) so the random cases are the same every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('boxes', () => {
  it('touching edges do not overlap; shared area does', () => {
    expect(boxesOverlap({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(false);
    expect(boxesOverlap({ x: 0, y: 0, w: 10, h: 10 }, { x: 9, y: 9, w: 10, h: 10 })).toBe(true);
    expect(unionBoxes([{ x: 0, y: 0, w: 1, h: 1 }, { x: -5, y: 2, w: 1, h: 4 }])).toEqual({ x: -5, y: 0, w: 6, h: 6 });
    expect(unionBoxes([])).toEqual({ x: 0, y: 0, w: 0, h: 0 });
  });
});

describe('placeTemplate', () => {
  const result = getTemplate('no-villains')!.build({ idPrefix: 'p' });

  it('moves top-level shapes and bounds by the offset; children and bindings stay as they are', () => {
    const placed = placeTemplate(result, { x: 1000, y: -250 });
    expect(placed.bounds).toEqual({ ...result.bounds, x: 1000, y: -250 });
    placed.shapes.forEach((s, i) => {
      const before = result.shapes[i]!;
      const d = isTopLevel(before, result.shapes) ? { x: 1000, y: -250 } : { x: 0, y: 0 };
      expect(s.x).toBe(before.x + d.x);
      expect(s.y).toBe(before.y + d.y);
      expect(s.props).toEqual(before.props);
    });
    expect(placed.bindings).toEqual(result.bindings);
    expect(placed.agenda).toEqual(result.agenda);
    // Absolute geometry shifts as a whole, arrows included (their points are arrow-relative).
    const a = absoluteBounds(result.shapes);
    const b = absoluteBounds(placed.shapes);
    for (const [id, box] of a) expect(b.get(id)).toEqual({ ...box, x: box.x + 1000, y: box.y - 250 });
  });

  it('is pure and can set the page as parent of top-level shapes only', () => {
    const snapshot = structuredClone(result);
    const placed = placeTemplate(result, { x: 5, y: 5 }, { parentId: 'page:page' as never });
    expect(result).toEqual(snapshot);
    for (const s of placed.shapes) {
      if (isTopLevel(result.shapes.find((r) => r.id === s.id)!, result.shapes)) expect(s.parentId).toBe('page:page');
      else expect(s.parentId).not.toBe('page:page');
    }
  });

  it('placing twice lands where asked, not at the sum', () => {
    const twice = placeTemplate(placeTemplate(result, { x: 100, y: 100 }), { x: 40, y: 40 });
    expect(twice).toEqual(placeTemplate(result, { x: 40, y: 40 }));
  });
});

describe('findFreeSpot', () => {
  const size = { w: 800, h: 600 };

  it('keeps the preferred centre when it is free', () => {
    expect(findFreeSpot([], size, { x: 0, y: 0 })).toEqual({ x: -400, y: -300 });
    expect(findFreeSpot([{ x: 5000, y: 5000, w: 10, h: 10 }], size, { x: 0, y: 0 })).toEqual({ x: -400, y: -300 });
  });

  it('moves off content under the centre, to a nearby spot, with the margin kept', () => {
    const existing = [{ x: -200, y: -200, w: 400, h: 400 }];
    const p = findFreeSpot(existing, size, { x: 0, y: 0 }, { margin: 40 });
    expect(boxesOverlap(expandBox(existing[0]!, 40), { ...p, ...size })).toBe(false);
    expect(Math.hypot(p.x + 400, p.y + 300)).toBeLessThan(1500);
  });

  it('never overlaps any of many random boxes and is deterministic', () => {
    const next = rng(42);
    for (let round = 0; round < 40; round++) {
      const existing: Box[] = Array.from({ length: 1 + Math.floor(next() * 25) }, () => ({
        x: Math.round((next() - 0.5) * 6000),
        y: Math.round((next() - 0.5) * 6000),
        w: Math.round(50 + next() * 1500),
        h: Math.round(50 + next() * 1500),
      }));
      const want = { w: Math.round(200 + next() * 3000), h: Math.round(200 + next() * 2000) };
      const centre = { x: Math.round((next() - 0.5) * 3000), y: Math.round((next() - 0.5) * 3000) };
      const p = findFreeSpot(existing, want, centre);
      for (const b of existing) expect(boxesOverlap(b, { ...p, ...want })).toBe(false);
      expect(findFreeSpot(existing, want, centre)).toEqual(p);
    }
  });

  it('falls back to the right of everything when the rings are exhausted', () => {
    const wall = [{ x: -10_000, y: -10_000, w: 20_000, h: 20_000 }];
    const p = findFreeSpot(wall, size, { x: 0, y: 0 }, { maxRings: 3, margin: 0 });
    expect(p.x).toBeGreaterThanOrEqual(10_000);
    for (const b of wall) expect(boxesOverlap(b, { ...p, ...size })).toBe(false);
  });

  it('fits a real template next to a placed copy of itself', () => {
    const t = getTemplate('partnership-workshop')!;
    const first = placeTemplate(t.build({ idPrefix: 'a' }), { x: 0, y: 0 });
    const second = t.build({ idPrefix: 'b' });
    const at = findFreeSpot([first.bounds], second.bounds, { x: 100, y: 100 });
    expect(boxesOverlap(first.bounds, placeTemplate(second, at).bounds)).toBe(false);
  });

  it('placeTemplateNear combines the two', () => {
    const r = getTemplate('four-ls')!.build({ idPrefix: 'n' });
    const existing = [{ x: -500, y: -500, w: 1000, h: 1000 }];
    const placed = placeTemplateNear(r, existing, { x: 0, y: 0 }, { parentId: 'page:p' as never });
    expect(boxesOverlap(expandBox(existing[0]!, 80), placed.bounds)).toBe(false);
    expect(placed).toEqual(placeTemplate(r, findFreeSpot(existing, r.bounds, { x: 0, y: 0 }), { parentId: 'page:p' as never }));
  });
});
