import { describe, expect, it } from 'vitest';
import { describeArea, isAreaMeta, readAccordMeta } from './describe.ts';

describe('describeArea', () => {
  it.each([
    [{ template: 'needs-vs-positions', kind: 'need', area: 'em-need', party: 'em', partyLabel: 'Priya (EM)' }, 'Priya (EM) · True need'],
    [{ template: 'needs-vs-positions', kind: 'position', area: 'pm-position', party: 'pm' }, 'PM · Stated position'],
    [{ template: 'staged-compromise', kind: 'stage', area: 'stage-2-pm', party: 'pm', partyLabel: 'Marco (PM)', stage: 2 }, 'Marco (PM) · Stage 2'],
    [{ template: 'trifecta-map', kind: 'tension', area: 'tension-em-pm', party: 'em+pm' }, 'Tension · EM + PM'],
    [{ template: 'trifecta-map', kind: 'shared-outcome', area: 'shared-outcome' }, 'Shared outcome'],
    [{ template: 'shared-scorecard', kind: 'evidence', area: 'delivery-evidence', topic: 'delivery' }, 'Delivery · Evidence'],
    [{ template: 'interesting-work', kind: 'interesting', area: 'facet-autonomy', topic: 'autonomy' }, 'Interesting work · Autonomy'],
    [{ template: 'partnership-workshop', kind: 'section', area: 'step-4', topic: 'needs-vs-positions', step: 4 }, 'Step 4 · Needs vs positions'],
    [{ template: 'four-ls', kind: 'longed-for', area: 'longed-for' }, 'Longed for'],
  ] as const)('%j -> %s', (meta, label) => {
    expect(describeArea(meta)).toBe(label);
  });
});

describe('readAccordMeta', () => {
  it('returns well-formed meta and refuses anything else', () => {
    const meta = { template: 'diagnose', kind: 'verdict', area: 'x' };
    expect(readAccordMeta({ accord: { ...meta, kind: 'diagnosis' } })).toEqual({ ...meta, kind: 'diagnosis' });
    expect(readAccordMeta({ accord: meta })).toBeUndefined();
    expect(readAccordMeta({ accord: { template: 'other', kind: 'need', area: 'x' } })).toBeUndefined();
    expect(readAccordMeta({ accord: { template: 'diagnose', kind: 'need' } })).toBeUndefined();
    expect(readAccordMeta({ accord: { template: 'diagnose', kind: 'stage', area: 'x', stage: '2' } })).toBeUndefined();
    expect(readAccordMeta({})).toBeUndefined();
    expect(readAccordMeta(null)).toBeUndefined();
    expect(readAccordMeta('meta')).toBeUndefined();
  });

  it('tells areas from decorations', () => {
    expect(isAreaMeta({ template: 'diagnose', kind: 'need', area: 'x' })).toBe(true);
    expect(isAreaMeta({ template: 'diagnose', kind: 'prompt', area: 'x' })).toBe(false);
    expect(isAreaMeta({ template: 'diagnose', kind: 'connector', area: 'x' })).toBe(false);
  });
});
