import { describe, expect, it } from 'vitest';
import { templates, type TemplateId } from '@accord/templates';
import { validateDecisionRecord } from './schema.ts';
import { TestBoard } from './test/boards.ts';
import { notePaths } from './test/paths.ts';
import { build, filledBoard } from './test/build.ts';

const PARTIES = ['em', 'pm', 'business'] as const;
const perParty = (f: (p: (typeof PARTIES)[number]) => [string, string][]): Record<string, string> => Object.fromEntries(PARTIES.flatMap(f));

/**
 * Where a note dropped in each area of each template must end up (written out by hand from the
 * templates' prompts). The workshop must file its nested areas exactly like the standalone ones.
 */
const EXPECTED: Record<Exclude<TemplateId, 'partnership-workshop'>, Record<string, string>> = {
  diagnose: {
    ...perParty((p) => [
      [`${p}-evaluation`, 'diagnosis.incentives'],
      [`${p}-position`, `parties.${p}.positions`],
      [`${p}-need`, `parties.${p}.needs`],
    ]),
    collisions: 'diagnosis.incentives',
    unasked: 'openQuestions',
    verdict: 'diagnosis.verdict',
  },
  'shared-scorecard': Object.fromEntries(
    ['delivery', 'impact', 'team-health'].flatMap((t) => [
      [`${t}-shared-outcome`, `scorecard.${t}.goodLooksLike`],
      [`${t}-evidence`, `scorecard.${t}.evidence`],
      [`${t}-gap`, `scorecard.${t}.gaps`],
    ]),
  ),
  'trifecta-map': {
    ...perParty((p) => [
      [`${p}-evaluation`, `trifecta.${p}.judgedOn`],
      [`${p}-constraint`, `parties.${p}.constraints`],
      [`${p}-success`, `trifecta.${p}.success`],
    ]),
    'tension-em-business': 'trifecta.tensions',
    'tension-pm-business': 'trifecta.tensions',
    'tension-em-pm': 'trifecta.tensions',
    'shared-outcome': 'trifecta.sharedOutcomes',
  },
  'needs-vs-positions': perParty((p) => [
    [`${p}-position`, `parties.${p}.positions`],
    [`${p}-need`, `parties.${p}.needs`],
    [`${p}-constraint`, `parties.${p}.constraints`],
    [`${p}-question`, 'openQuestions'],
  ]),
  'no-villains': { story: 'diagnosis.perspectives', constraints: 'diagnosis.perspectives', evaluation: 'diagnosis.perspectives', question: 'openQuestions' },
  'interesting-work': {
    'facet-autonomy': 'interestingWork.facets',
    'facet-complexity': 'interestingWork.facets',
    'facet-learning': 'interestingWork.facets',
    'facet-impact': 'interestingWork.facets',
    'facet-novelty': 'interestingWork.facets',
    overlap: 'options',
    priorities: 'interestingWork.priorities',
  },
  'staged-compromise': {
    'shared-outcome': 'stages.sharedOutcome',
    ...perParty((p) => [
      [`${p}-need`, `parties.${p}.needs`],
      [`stage-1-${p}`, 'stages.1'],
      [`stage-2-${p}`, 'stages.2'],
      [`stage-3-${p}`, 'stages.3'],
    ]),
  },
  'start-stop-continue': { start: 'retro', stop: 'retro', continue: 'retro' },
  'four-ls': { liked: 'retro', learned: 'retro', lacked: 'retro', 'longed-for': 'retro' },
  'partnership-health': { trust: 'retro', conflict: 'retro', escalation: 'retro', visibility: 'retro', action: 'stages.actions' },
};

/** A board with one template and one note in each of its areas (not in workshop sections). */

describe('extraction from every template', () => {
  it.each(templates.map((t) => t.id))('%s: every note is filed once, where its area says', (id) => {
    const { notes, record } = filledBoard(id);
    expect(notes.length).toBeGreaterThan(2);
    const paths = notePaths(record);
    for (const { frame, id: noteId } of notes) {
      const { template, area } = frame.meta.accord;
      const table = EXPECTED[template as keyof typeof EXPECTED];
      expect(table, `no expectations for ${template}`).toBeDefined();
      expect(paths.get(noteId), `${template}/${area}`).toEqual([table[area]]);
    }
    // Nothing the templates draw falls through to "other notes", and no prompt text is read as a note.
    expect(record.otherNotes).toEqual([]);
    expect(paths.size).toBe(notes.length);
    expect(validateDecisionRecord(record)).toBe(true);
  });

  it.each(Object.keys(EXPECTED))('%s: the expectations name every area of the template, no more', (id) => {
    const b = new TestBoard();
    b.template(id as TemplateId, { includeBusiness: true, stages: 3 });
    const areas = b.allFrames().map((f) => f.meta.accord.area);
    expect(areas.sort()).toEqual(Object.keys(EXPECTED[id as keyof typeof EXPECTED]).sort());
  });

  it('lists the templates on the board in the registry order, the workshop with its seven steps', () => {
    expect(filledBoard('needs-vs-positions').record.templates).toEqual(['needs-vs-positions']);
    expect(filledBoard('partnership-workshop').record.templates).toEqual([
      'diagnose',
      'shared-scorecard',
      'trifecta-map',
      'needs-vs-positions',
      'no-villains',
      'interesting-work',
      'staged-compromise',
      'partnership-workshop',
    ]);
  });

  it('names each side as the board does, else with the default label', () => {
    const named = filledBoard('needs-vs-positions').record;
    expect(named.parties.map((p) => [p.party, p.label])).toEqual([
      ['em', 'Priya (EM)'],
      ['pm', 'Marco (PM)'],
      ['business', 'Dana (GM)'],
    ]);
    const b = new TestBoard();
    b.template('needs-vs-positions');
    b.note('pm-need', 'Prove value to the customer');
    b.write();
    expect(build(b).parties).toMatchObject([{ party: 'pm', label: 'PM', needs: [{ text: 'Prove value to the customer', area: 'PM · True need', party: 'pm' }] }]);
  });

  it('keeps the three trifecta corners in em, pm, business order with their tensions', () => {
    const t = filledBoard('trifecta-map').record.trifecta!;
    expect(t.corners.map((c) => c.label)).toEqual(['Priya (EM)', 'Marco (PM)', 'Dana (GM)']);
    // Tensions in board order: the two upper edges (left, right), then the bottom one.
    expect(t.tensions.map((a) => [a.label, a.party])).toEqual([
      ['Tension · Priya (EM) + Dana (GM)', 'em+business'],
      ['Tension · Marco (PM) + Dana (GM)', 'pm+business'],
      ['Tension · Priya (EM) + Marco (PM)', 'em+pm'],
    ]);
  });

  it('orders scorecard rows as on the board and labels them by outcome', () => {
    expect(filledBoard('shared-scorecard').record.scorecard.map((r) => [r.topic, r.label])).toEqual([
      ['delivery', 'Delivery'],
      ['impact', 'Impact'],
      ['team-health', 'Team health'],
    ]);
  });
});
