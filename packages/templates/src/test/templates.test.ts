import { describe, expect, it } from 'vitest';
import { describeArea, isAreaMeta, readAccordMeta } from '../describe.ts';
import { absoluteBounds, boxContains, boxesOverlap, isTopLevel, templateBounds } from '../geometry.ts';
import { getTemplate, templates } from '../registry.ts';
import { LAYOUT } from '../sheet.ts';
import { estimateTextHeight } from '../text.ts';
import type { TemplateFrame, TemplateResult, TemplateShape, TemplateText } from '../types.ts';
import { allBuilds, LABELS } from './builds.ts';

const builds = allBuilds();
const cases = builds.map((b) => [`${b.template.id} (${b.set})`, b] as const);

const frames = (r: TemplateResult) => r.shapes.filter((s): s is TemplateFrame => s.type === 'frame');
const textOf = (t: TemplateText) =>
  ((t.props.richText?.content ?? []) as { content?: { text?: string }[] }[]).map((p) => p.content?.map((c) => c.text ?? '').join('') ?? '').join('\n');
const promptsOf = (r: TemplateResult, frameId: string) =>
  r.shapes.filter((s): s is TemplateText => s.type === 'text' && s.parentId === frameId && s.meta.accord.kind === 'prompt');

describe('every template', () => {
  it('has a unique kebab-case id and a title and description', () => {
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    for (const t of templates) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.title.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(0);
      expect(getTemplate(t.id)).toBe(t);
    }
    expect(getTemplate('nope')).toBeUndefined();
  });

  it.each(cases)('%s is deterministic and JSON-clean', (_, { template, options, result }) => {
    expect(template.build(options)).toEqual(result);
    // No undefined anywhere: records go through JSON and Yjs.
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it.each(cases)('%s has unique ids under the prefix, parents before children', (_, { options, result }) => {
    const ids = result.shapes.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith(`shape:${options.idPrefix}-`)).toBe(true);
    const seen = new Set<string>();
    for (const s of result.shapes) {
      if (s.parentId) expect(seen.has(s.parentId)).toBe(true);
      seen.add(s.id);
    }
    const bindingIds = result.bindings.map((b) => b.id);
    expect(new Set(bindingIds).size).toBe(bindingIds.length);
    for (const b of result.bindings) {
      expect(ids).toContain(b.fromId);
      expect(frames(result).map((f) => f.id)).toContain(b.toId);
    }
  });

  it.each(cases)('%s: siblings never overlap and children lie inside their parent', (_, { result }) => {
    const abs = absoluteBounds(result.shapes);
    const byParent = new Map<string, TemplateShape[]>();
    for (const s of result.shapes) {
      const key = isTopLevel(s, result.shapes) ? 'top' : (s.parentId ?? 'top');
      byParent.set(key, [...(byParent.get(key) ?? []), s]);
    }
    for (const siblings of byParent.values()) {
      for (let i = 0; i < siblings.length; i++) {
        for (let j = i + 1; j < siblings.length; j++) {
          const a = siblings[i]!;
          const b = siblings[j]!;
          expect(boxesOverlap(abs.get(a.id)!, abs.get(b.id)!), `${a.id} overlaps ${b.id}`).toBe(false);
        }
      }
    }
    for (const s of result.shapes) {
      if (isTopLevel(s, result.shapes)) continue;
      expect(boxContains(abs.get(s.parentId as never)!, abs.get(s.id)!), `${s.id} outside its parent`).toBe(true);
    }
  });

  it.each(cases)('%s: bounds start at the origin and hold everything', (_, { result }) => {
    expect(result.bounds).toEqual(templateBounds(result.shapes));
    expect(result.bounds.x).toBe(0);
    expect(result.bounds.y).toBe(0);
    const abs = absoluteBounds(result.shapes);
    for (const s of result.shapes) expect(boxContains(result.bounds, abs.get(s.id)!)).toBe(true);
  });

  it.each(cases)('%s: every frame has meta.accord, a name and a prompt that fits with room for notes', (_, { template, result }) => {
    expect(frames(result).length).toBeGreaterThan(0);
    for (const f of frames(result)) {
      const meta = readAccordMeta(f.meta);
      expect(meta, f.id).toBeDefined();
      expect(isAreaMeta(meta!)).toBe(true);
      expect(meta!.template).toBe(f.meta.accord.template);
      if (template.id !== 'partnership-workshop') expect(meta!.template).toBe(template.id);
      expect(describeArea(f.meta.accord).length).toBeGreaterThan(0);
      expect(f.props.name?.length ?? 0).toBeGreaterThan(0);
      expect(f.props.name!.length, f.props.name).toBeLessThanOrEqual(40);
      const prompts = promptsOf(result, f.id);
      expect(prompts, `${f.id} prompt`).toHaveLength(1);
      const prompt = prompts[0]!;
      const text = textOf(prompt);
      expect(text.length).toBeGreaterThan(0);
      expect(text.length, text).toBeLessThanOrEqual(90);
      expect(prompt.isLocked).toBe(true);
      if (f.meta.accord.kind === 'section') continue;
      // Room for at least one row of two 200×200 notes under the prompt.
      const promptH = estimateTextHeight(text, prompt.props.w!, LAYOUT.promptSize);
      expect(f.props.w!).toBeGreaterThanOrEqual(460);
      expect(f.props.h! - (2 * LAYOUT.pad + promptH), `${f.id} has no room for notes`).toBeGreaterThanOrEqual(220);
    }
  });

  it.each(cases)('%s: area keys are unique per template', (_, { result }) => {
    const keys = frames(result).map((f) => `${f.meta.accord.template}/${f.meta.accord.area}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(cases)('%s: frames of one party share its colour', (_, { result }) => {
    const colors = new Map<string, string>();
    for (const f of frames(result)) {
      const party = f.meta.accord.party;
      if (!party || party.includes('+')) continue;
      const seen = colors.get(party);
      if (seen) expect(f.props.color).toBe(seen);
      colors.set(party, f.props.color!);
    }
    expect(colors.get('em') ?? 'blue').toBe('blue');
    expect(colors.get('pm') ?? 'violet').toBe('violet');
    expect(colors.get('business') ?? 'orange').toBe('orange');
  });

  it.each(cases)('%s: agenda steps are complete and cover existing frames', (_, { template, result }) => {
    if (template.kind === 'method') expect(result.agenda.length).toBeGreaterThanOrEqual(1);
    const frameIds = new Set(frames(result).map((f) => f.id));
    const stepIds = result.agenda.map((s) => s.id);
    expect(new Set(stepIds).size).toBe(stepIds.length);
    for (const step of result.agenda) {
      for (const field of ['title', 'goal', 'prompt', 'pitfall'] as const) {
        expect(step[field].length, `${step.id}.${field}`).toBeGreaterThan(0);
        expect(step[field].length, `${step.id}.${field}`).toBeLessThanOrEqual(120);
      }
      expect(step.minutes).toBeGreaterThan(0);
      expect(step.areaIds.length).toBeGreaterThan(0);
      for (const id of step.areaIds) expect(frameIds.has(id), `${step.id} -> ${id}`).toBe(true);
    }
  });
});

describe('party labels', () => {
  it.each(builds.filter((b) => b.options.parties).map((b) => [`${b.template.id} (${b.set})`, b] as const))('%s: per-party frames carry the label in their name', (_, { template, options, result }) => {
    for (const f of frames(result)) {
      const { party, partyLabel } = f.meta.accord;
      if (!party) continue;
      for (const p of party.split('+') as (keyof typeof LABELS)[]) {
        expect(f.props.name).toContain(LABELS[p]);
        expect(partyLabel).toContain(LABELS[p]);
      }
    }
    if (template.options.parties && template.id !== 'shared-scorecard') {
      const names = frames(result).map((f) => f.props.name).join('\n');
      expect(names).toContain(LABELS.em);
      expect(names).toContain(LABELS.pm);
      if (options.includeBusiness || template.id === 'trifecta-map') expect(names).toContain(LABELS.business);
    }
  });

  it('includeBusiness adds the business lead only when asked', () => {
    const t = getTemplate('needs-vs-positions')!;
    const parties = (r: TemplateResult) => new Set(frames(r).map((f) => f.meta.accord.party));
    expect(parties(t.build({ idPrefix: 'a' }))).toEqual(new Set(['em', 'pm']));
    expect(parties(t.build({ idPrefix: 'a', includeBusiness: true }))).toEqual(new Set(['em', 'pm', 'business']));
  });

  it('the scorecard names the parties in its description', () => {
    const r = getTemplate('shared-scorecard')!.build({ idPrefix: 'a', parties: LABELS });
    const description = r.shapes.find((s): s is TemplateText => s.type === 'text' && s.meta.accord.area === 'description')!;
    expect(textOf(description)).toContain('Priya (EM) and Marco (PM)');
  });
});

describe('staged-compromise', () => {
  it.each([2, 3, 4])('lays out %i stages per lane', (n) => {
    const r = getTemplate('staged-compromise')!.build({ idPrefix: 's', stages: n, includeBusiness: true });
    const stages = frames(r).filter((f) => f.meta.accord.kind === 'stage');
    expect(stages).toHaveLength(n * 3);
    expect(new Set(stages.map((f) => f.meta.accord.stage))).toEqual(new Set(Array.from({ length: n }, (_, i) => i + 1)));
    for (const party of ['em', 'pm', 'business']) {
      const lane = stages.filter((f) => f.meta.accord.party === party).sort((a, b) => a.x - b.x);
      expect(lane.map((f) => f.meta.accord.stage)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(new Set(lane.map((f) => f.y)).size).toBe(1);
    }
    const outcome = frames(r).find((f) => f.meta.accord.kind === 'shared-outcome')!;
    expect(Math.max(...stages.map((f) => f.y))).toBeGreaterThan(outcome.y);
    expect(Math.min(...stages.map((f) => f.y))).toBeGreaterThan(outcome.y + outcome.props.h!);
  });

  it('defaults to 3 stages and refuses 1 or 5 when built directly', () => {
    const t = getTemplate('staged-compromise')!;
    expect(frames(t.build({ idPrefix: 's' })).filter((f) => f.meta.accord.kind === 'stage')).toHaveLength(6);
    expect(() => t.build({ idPrefix: 's', stages: 1 })).toThrow(/stages/);
    expect(() => t.build({ idPrefix: 's', stages: 5 })).toThrow(/stages/);
  });
});

describe('ids', () => {
  it('different prefixes give disjoint ids; a bad prefix is refused', () => {
    const t = getTemplate('trifecta-map')!;
    const a = new Set(t.build({ idPrefix: 'one' }).shapes.map((s) => s.id));
    for (const s of t.build({ idPrefix: 'two' }).shapes) expect(a.has(s.id)).toBe(false);
    expect(() => t.build({ idPrefix: 'has space' })).toThrow(/idPrefix/);
    expect(() => t.build({ idPrefix: '' })).toThrow(/idPrefix/);
  });

  it('uses readable ids such as shape:<prefix>-needs-em-position', () => {
    const ids = getTemplate('needs-vs-positions')!.build({ idPrefix: 'abc' }).shapes.map((s) => s.id);
    expect(ids).toContain('shape:abc-needs-em-position');
    expect(ids).toContain('shape:abc-needs-pm-question-prompt');
  });
});
