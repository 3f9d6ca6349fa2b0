import { DEFAULT_PARTY_LABELS } from './options.ts';
import type { AccordMeta, AreaKind, AreaMeta, DecorationKind, Party, TemplateId } from './types.ts';

/** Human name of each area kind, as the decision record prints it. */
const AREA_KIND_LABELS: Record<AreaKind, string> = {
  position: 'Stated position',
  need: 'True need',
  constraint: 'Hidden constraint',
  question: 'Clarifying questions',
  evaluation: 'How they are judged',
  success: 'What success looks like',
  'shared-outcome': 'Shared outcome',
  tension: 'Tension',
  evidence: 'Evidence',
  gap: 'Gaps to close',
  diagnosis: 'Diagnosis',
  story: 'The story I am telling',
  interesting: 'Interesting work',
  priority: 'Business priorities',
  overlap: 'Where they overlap',
  stage: 'Stage',
  start: 'Start',
  stop: 'Stop',
  continue: 'Continue',
  liked: 'Liked',
  learned: 'Learned',
  lacked: 'Lacked',
  'longed-for': 'Longed for',
  trust: 'Trust',
  conflict: 'Conflict',
  escalation: 'Escalations',
  visibility: 'Constraints made visible',
  action: 'Next change',
  section: 'Section',
};

const TEMPLATE_TITLES: Record<TemplateId, string> = {
  'needs-vs-positions': 'Needs vs positions',
  'trifecta-map': 'Trifecta map',
  'staged-compromise': 'Staged compromise',
  diagnose: 'Diagnose',
  'no-villains': 'No villains',
  'interesting-work': 'Interesting work',
  'shared-scorecard': 'Shared scorecard',
  'start-stop-continue': 'Start, stop, continue',
  'four-ls': 'Four Ls',
  'partnership-health': 'Partnership health',
  'partnership-workshop': 'Partnership workshop',
};

/** Human names of `meta.accord.topic` values. Workshop sections use a template id as topic. */
const TOPIC_LABELS: Record<string, string> = {
  delivery: 'Delivery',
  impact: 'Impact',
  'team-health': 'Team health',
  autonomy: 'Autonomy',
  complexity: 'Complexity',
  learning: 'Learning',
  novelty: 'Novelty',
  ...TEMPLATE_TITLES,
};

const DECORATION_KINDS: readonly DecorationKind[] = ['prompt', 'title', 'heading', 'connector'];

function partyName(meta: AreaMeta): string | undefined {
  if (meta.partyLabel) return meta.partyLabel;
  if (!meta.party) return undefined;
  return meta.party
    .split('+')
    .map((p) => DEFAULT_PARTY_LABELS[p as Party] ?? p)
    .join(' + ');
}

/**
 * A short human label for a frame's `meta.accord`, e.g. `Priya (EM) · True need`,
 * `PM · Stage 2`, `Delivery · Evidence`, `Tension · EM + PM`, `Step 4 · Needs vs positions`.
 */
export function describeArea(meta: AreaMeta): string {
  const kind = AREA_KIND_LABELS[meta.kind] ?? meta.kind;
  const topic = meta.topic === undefined ? undefined : (TOPIC_LABELS[meta.topic] ?? meta.topic);
  const who = partyName(meta);
  switch (meta.kind) {
    case 'section':
      return [`Step ${meta.step ?? '?'}`, topic].filter(Boolean).join(' · ');
    case 'stage':
      return [who, `Stage ${meta.stage ?? '?'}`].filter(Boolean).join(' · ');
    case 'tension':
      return [kind, who].filter(Boolean).join(' · ');
    case 'interesting':
      return [kind, topic].filter(Boolean).join(' · ');
    default:
      return [who ?? topic, kind].filter(Boolean).join(' · ');
  }
}

/** Title of a template by id (also valid for ids found in stored boards). */
export function templateTitle(id: TemplateId): string {
  return TEMPLATE_TITLES[id];
}

const optionalTypes: Record<string, string> = { party: 'string', partyLabel: 'string', stage: 'number', topic: 'string', step: 'number' };

/**
 * Reads `shape.meta` from a board (untrusted: any client may write it) and returns its
 * `accord` entry when it is well formed, else undefined. Narrow area frames with {@link isAreaMeta}.
 */
export function readAccordMeta(shapeMeta: unknown): AccordMeta | undefined {
  if (typeof shapeMeta !== 'object' || shapeMeta === null) return undefined;
  const m = (shapeMeta as { accord?: unknown }).accord;
  if (typeof m !== 'object' || m === null) return undefined;
  const a = m as Record<string, unknown>;
  if (typeof a.template !== 'string' || !(a.template in TEMPLATE_TITLES)) return undefined;
  if (typeof a.area !== 'string' || typeof a.kind !== 'string') return undefined;
  const isArea = a.kind in AREA_KIND_LABELS;
  if (!isArea && !(DECORATION_KINDS as readonly string[]).includes(a.kind)) return undefined;
  for (const [key, type] of Object.entries(optionalTypes)) {
    if (a[key] !== undefined && typeof a[key] !== type) return undefined;
  }
  return a as AccordMeta;
}

/** True for the meta of an area (a frame notes go into), false for prompts, titles, headings and arrows. */
export function isAreaMeta(meta: AccordMeta): meta is AreaMeta {
  return !(DECORATION_KINDS as readonly string[]).includes(meta.kind);
}
