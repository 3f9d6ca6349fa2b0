import { updateSession } from '@accord/board';
import { buildDecisionRecord } from '../build.ts';
import type { DecisionInput, DecisionRecord } from '../types.ts';
import { TestBoard } from './boards.ts';

// Realistic boards for the Markdown snapshots and the schema tests. `say` lets a test swap every
// piece of text people typed (hostile text vs a plain twin) while the board stays the same.

export type Say = (text: string) => string;
const same: Say = (t) => t;

/** 4 March 2025, 15:30 UTC. */
const RECORDED_AT = Date.UTC(2025, 2, 4, 15, 30);

function record(b: TestBoard, input: DecisionInput, boardTitle = b.name): DecisionRecord {
  return buildDecisionRecord({ boardId: 'k3v9x2QpL7', boardTitle, recordedAt: RECORDED_AT, input, content: b.content, facilitation: b.facilitation });
}

/**
 * The growth-team conflict on a needs-vs-positions board: each side's ask, need and hidden
 * constraint, the questions asked, three options in a frame someone drew, and a closed vote on
 * them split by side.
 */
export function needsVsPositionsExample(say: Say = same): DecisionRecord {
  const b = new TestBoard(say('Growth team: experiments vs rebuild'));
  // Template options refuse line breaks and long labels, so labels get one line of at most 40 characters.
  const label = (t: string) => say(t).replace(/\s+/g, ' ').trim().slice(0, 40);
  b.template('needs-vs-positions', { parties: { em: label('Priya (EM)'), pm: label('Marco (PM)') } });
  b.note('em-position', say('Rebuild the experiment pipeline before running more tests'));
  b.note('pm-position', say('Run 50 A/B experiments this quarter'));
  b.note('em-need', say('Engineers see a hard technical problem in the work'));
  b.note('em-need', say('Keep the team: two seniors are interviewing'));
  b.note('pm-need', say('Prove the growth hypothesis before the funding review'));
  b.note('em-constraint', say('Retention is on my scorecard, not on yours'));
  b.note('pm-constraint', say('The board reviews funding in June'));
  b.note('em-question', say('Which experiments need new infrastructure at all?'));
  b.note('pm-question', say('What would make experiment work interesting to the team?'));
  const options = b.plainFrame(say('Options'), { x: 0, y: 2400 });
  const batch = b.note(options, say('Batch experiments into a framework the team builds'));
  const rotate = b.note(options, say('Rotate engineers between experiments and the framework'));
  const later = b.note(options, say('Run the experiments now, rebuild in Q3'));
  b.person('p-priya', say('Priya'), 'facilitator', 'em').person('p-marco', say('Marco'), 'participant', 'pm').person('p-sam', say('Sam'), 'participant');
  b.counted({ id: 'v7', open: false, revealed: true, votesPerPerson: 3 }, [
    ['em', 'p-priya', { [batch]: 2, [rotate]: 1 }],
    ['pm', 'p-marco', { [batch]: 1, [later]: 2 }],
    ['participant', 'p-sam', { [batch]: 2, [rotate]: 1 }],
  ]).write();
  updateSession(b.facilitation, { agendaStep: '0:needs-underneath' });
  return record(b, {
    title: say('Batch growth experiments into a framework the team builds'),
    statement: say('We run the quarter’s experiments through a framework the team builds in the first three weeks.\n\nEngineers rotate between framework work and experiments every sprint.'),
    owner: say('Priya and Marco'),
    reviewDate: '2025-06-02',
  });
}

/** A staged compromise with owners and dates on the stage notes, and no facilitation. */
export function stagedCompromiseExample(): DecisionRecord {
  const b = new TestBoard('SSO for Acme');
  b.template('staged-compromise', { parties: { em: 'Priya (EM)', pm: 'Marco (PM)' }, stages: 2 });
  b.note('shared-outcome', 'Acme signs in with SSO by Q2, and it holds up for the next ten customers');
  b.note('em-need', 'The team gets to fix the token service');
  b.note('pm-need', 'Acme renews in July');
  b.note('stage-1-em', 'Harden token refresh @priya 2025-04-15');
  b.note('stage-1-pm', 'SSO for Acme only, behind a flag\nowner: Marco, due 2025-04-30');
  b.note('stage-2-em', 'Rebuild the session store so SSO scales @sam 2025-06-30');
  b.note('stage-2-pm', 'Self-serve SSO setup for every customer');
  b.write();
  return buildDecisionRecord({ boardId: 'k3v9x2QpL7', boardTitle: b.name, recordedAt: RECORDED_AT, input: { title: 'Ship SSO in two stages', statement: 'Stage 1 meets Acme; stage 2 makes it scale.' }, content: b.content, facilitation: null });
}

/** Diagnose, then the trifecta: the context sections. */
function diagnoseTrifectaExample(): DecisionRecord {
  const b = new TestBoard('Sales asks, engineering says no');
  b.template('diagnose', { parties: { em: 'Priya (EM)', pm: 'Marco (PM)' } });
  b.template('trifecta-map', { parties: { em: 'Priya (EM)', pm: 'Marco (PM)', business: 'Dana (GM)' } }, { x: 0, y: 4000 }, 'tri');
  b.note({ area: 'em-evaluation', template: 'diagnose' }, 'Uptime and on-call load');
  b.note({ area: 'pm-evaluation', template: 'diagnose' }, 'Features shipped for sales');
  b.note('collisions', 'Every sales promise lands on the on-call rota');
  b.note('em-position', 'Say no to custom deals');
  b.note('pm-need', 'Keep the two biggest deals alive');
  b.note('unasked', 'What do the deals need by when?');
  b.note('verdict', 'Both: incentives first (shared scorecard), then needs vs positions');
  b.note({ area: 'business-evaluation', template: 'trifecta-map' }, 'Quarterly bookings');
  b.note({ area: 'business-constraint', template: 'trifecta-map' }, 'Board expects 30% growth');
  b.note({ area: 'business-success', template: 'trifecta-map' }, 'Deals close without custom code');
  b.note({ area: 'em-success', template: 'trifecta-map' }, 'A quiet on-call week');
  b.note({ area: 'tension-em-business', template: 'trifecta-map' }, 'Custom code vs reliability');
  b.note({ area: 'shared-outcome', template: 'trifecta-map' }, 'Revenue from features that need no custom work');
  b.write();
  return record(b, { title: 'Rate EM, PM and GM on one scorecard', statement: 'From next quarter the three of us share one rating.' });
}

/** A partnership-health retro with an anonymous vote and one change to make. */
export function retroExample(): DecisionRecord {
  const b = new TestBoard('Partnership health, Q1');
  b.template('partnership-health');
  const news = b.note('trust', 'Bad news reaches me late');
  b.note('conflict', 'We argue, then nobody decides');
  const esc = b.note('escalation', 'The roadmap went to the VP twice');
  b.note('visibility', 'On-call pain is now on the shared board');
  b.note('action', 'Weekly 20-minute trade-off review, Marco starts it @marco');
  b.counted({ id: 'r2', anonymous: true, open: false, revealed: true }, [
    ['em', 'p1', { [news]: 2, [esc]: 1 }],
    ['pm', 'p2', { [esc]: 3 }],
  ]);
  b.person('p1', 'Priya', 'facilitator', 'em').person('p2', 'Marco', 'participant', 'pm').write();
  return record(b, { title: 'Hold a weekly trade-off review', statement: 'Starting next week.', owner: 'Marco' });
}

/** A board with nothing on it. */
export function emptyExample(): DecisionRecord {
  const b = new TestBoard('Blank').write();
  return buildDecisionRecord({ boardId: 'k3v9x2QpL7', boardTitle: 'Blank', recordedAt: RECORDED_AT, input: { title: 'Nothing to see', statement: 'We decided without the board.' }, content: b.content, facilitation: null });
}

/** Every example, by name. */
export const EXAMPLES: Record<string, () => DecisionRecord> = {
  'needs-vs-positions': () => needsVsPositionsExample(),
  'staged-compromise': stagedCompromiseExample,
  'diagnose-trifecta': diagnoseTrifectaExample,
  'partnership-health': retroExample,
  empty: emptyExample,
};
