import { describe, expect, it } from 'vitest';
import { absoluteBounds } from '../geometry.ts';
import { getTemplate } from '../registry.ts';
import { WORKSHOP_STEPS } from '../templates/workshop.ts';
import type { TemplateFrame } from '../types.ts';

const METHOD_ORDER = ['diagnose', 'shared-scorecard', 'trifecta-map', 'needs-vs-positions', 'no-villains', 'interesting-work', 'staged-compromise'];

describe('partnership-workshop', () => {
  const result = getTemplate('partnership-workshop')!.build({ idPrefix: 'w', parties: { em: 'Priya (EM)' }, stages: 2 });
  const frames = result.shapes.filter((s): s is TemplateFrame => s.type === 'frame');
  const sections = frames.filter((f) => f.meta.accord.kind === 'section').sort((a, b) => a.x - b.x);
  const abs = absoluteBounds(result.shapes);

  it('has the seven steps of the method, in order, left to right', () => {
    expect(WORKSHOP_STEPS.map((s) => s.template)).toEqual(METHOD_ORDER);
    expect(sections.map((s) => s.meta.accord.topic)).toEqual(METHOD_ORDER);
    expect(sections.map((s) => s.meta.accord.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    sections.forEach((s, i) => {
      expect(s.props.name).toMatch(new RegExp(`^${i + 1} · `));
      const next = sections[i + 1];
      if (next) expect(s.x + s.props.w!).toBeLessThan(next.x);
    });
  });

  it('nests each step’s areas, built by the standalone template, in its own section', () => {
    for (const section of sections) {
      const inner = frames.filter((f) => f.parentId === section.id);
      expect(inner.length).toBeGreaterThan(0);
      for (const f of inner) expect(f.meta.accord.template).toBe(section.meta.accord.topic);
      const standalone = getTemplate(section.meta.accord.topic!)!.build({ idPrefix: 'w', parties: { em: 'Priya (EM)' }, stages: 2 });
      const standaloneAreas = standalone.shapes.filter((s) => s.type === 'frame').map((s) => s.meta.accord.area);
      expect(inner.map((f) => f.meta.accord.area).sort()).toEqual([...standaloneAreas].sort());
    }
  });

  it('uses the Priya label and the chosen stage count inside the sections', () => {
    expect(frames.some((f) => f.props.name?.startsWith('Priya (EM)'))).toBe(true);
    const stages = frames.filter((f) => f.meta.accord.kind === 'stage');
    expect(new Set(stages.map((f) => f.meta.accord.stage))).toEqual(new Set([1, 2]));
  });

  it('runs its agenda section by section, left to right', () => {
    const sectionOf = (areaId: string) => sections.findIndex((s) => frames.find((f) => f.id === areaId)?.parentId === s.id);
    const order = result.agenda.map((step) => {
      const owners = new Set(step.areaIds.map(sectionOf));
      expect(owners.size).toBe(1);
      return [...owners][0]!;
    });
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    // Zooming to a later step never goes back left.
    const left = result.agenda.map((step) => Math.min(...step.areaIds.map((id) => abs.get(id)!.x)));
    const sectionLeft = order.map((i) => sections[i]!.x);
    for (const [i, x] of left.entries()) expect(x).toBeGreaterThanOrEqual(sectionLeft[i]!);
  });
});
