import { DEFAULT_PARTY_LABELS, type AreaMeta } from '@accord/templates';
import { compareOrder, type BoardArea, type BoardItem } from './board.ts';
import { findDueDate, findOwner } from './plan.ts';
import { cleanLine } from './text.ts';
import type { Diagnosis, InterestingWork, Party, PartyRef, PartyView, PlacedNote, PlanItem, RecordArea, RecordNote, ScorecardRow, Stages, Trifecta } from './types.ts';

// The record's sections from the board's notes: each note filed by its template area's meta
// (kind, party, template), or by its frame's name, into what the record shows.

/** The trifecta's sides in the order the record lists them. */
export const PARTY_ORDER: readonly Party[] = ['em', 'pm', 'business'];
const PARTY_REFS: readonly string[] = ['em', 'pm', 'business', 'em+pm', 'em+business', 'pm+business'];
const RETRO_KINDS: readonly string[] = ['start', 'stop', 'continue', 'liked', 'learned', 'lacked', 'longed-for', 'trust', 'conflict', 'escalation', 'visibility'];
/** A frame someone drew and named like this holds candidate solutions. */
const OPTION_FRAME = /\b(options?|ideas?|proposals?|solutions?|alternatives?|choices?)\b/i;

const single = (p: string | undefined): Party | null => (p && (PARTY_ORDER as readonly string[]).includes(p) ? (p as Party) : null);
const partyRef = (p: string | undefined): PartyRef | null => (p && PARTY_REFS.includes(p) ? (p as PartyRef) : null);

const note = (item: BoardItem): RecordNote => ({ id: item.id, text: item.text, author: item.author });
const placed = (item: BoardItem): PlacedNote => ({ ...note(item), area: item.area?.label ?? null, party: partyRef(item.area?.meta?.party) });
const planItem = (item: BoardItem): PlanItem => ({ ...placed(item), owner: findOwner(item.text), due: findDueDate(item.text) });

/** Collects notes into areas in board order (areas ordered by their frame's position). */
class AreaList {
  private readonly areas = new Map<string, { area: BoardArea | null; notes: RecordNote[] }>();

  add(item: BoardItem): void {
    const key = item.area?.id ?? '';
    const entry = this.areas.get(key) ?? { area: item.area, notes: [] };
    entry.notes.push(note(item));
    this.areas.set(key, entry);
  }

  list(): RecordArea[] {
    const entries = [...this.areas.values()];
    // Notes outside every frame come last.
    entries.sort((a, b) => (!a.area ? 1 : !b.area ? -1 : compareAreas(a.area, b.area)));
    return entries.map(({ area, notes }) => ({
      id: area?.id ?? null,
      label: area?.label ?? null,
      kind: area?.meta?.kind ?? null,
      template: area?.meta?.template ?? null,
      party: partyRef(area?.meta?.party),
      notes,
    }));
  }
}

const compareAreas = (a: BoardArea, b: BoardArea): number => compareOrder(a.order, b.order);

/** Everything the board says, sorted into the record's sections. */
export class Sections {
  readonly incentives = new AreaList();
  readonly perspectives = new AreaList();
  readonly verdict: RecordNote[] = [];
  readonly parties = new Map<Party, { label: string | null; positions: PlacedNote[]; needs: PlacedNote[]; constraints: PlacedNote[] }>();
  readonly corners = new Map<Party, { label: string | null; judgedOn: RecordNote[]; success: RecordNote[] }>();
  readonly tensions = new AreaList();
  readonly sharedOutcomes: RecordNote[] = [];
  /** Rows by topic, with the row's topmost area (rows are ordered by it). */
  readonly scorecard = new Map<string, { row: ScorecardRow; area: BoardArea | null }>();
  readonly facets = new AreaList();
  readonly priorities: RecordNote[] = [];
  readonly retro = new AreaList();
  readonly options: PlacedNote[] = [];
  readonly planOutcome: RecordNote[] = [];
  readonly stages = new Map<number, PlanItem[]>();
  readonly actions: PlanItem[] = [];
  readonly questions: PlacedNote[] = [];
  readonly other = new AreaList();

  add(item: BoardItem): void {
    const meta = item.area?.meta;
    if (!meta) {
      if (item.area && OPTION_FRAME.test(item.area.name)) this.options.push(placed(item));
      else this.other.add(item);
      return;
    }
    if (!this.addArea(item, meta)) this.other.add(item);
  }

  /** Files a note of a template area; false when the record has no section for that area. */
  private addArea(item: BoardItem, meta: AreaMeta): boolean {
    const party = single(meta.party);
    switch (meta.kind) {
      case 'position':
      case 'need':
      case 'constraint': {
        if (!party) {
          if (meta.kind !== 'constraint') return false;
          this.perspectives.add(item);
          return true;
        }
        const view = this.party(party, meta);
        (meta.kind === 'position' ? view.positions : meta.kind === 'need' ? view.needs : view.constraints).push(placed(item));
        return true;
      }
      case 'question':
        this.questions.push(placed(item));
        return true;
      case 'evaluation':
        if (meta.template === 'trifecta-map' && party) this.corner(party, meta).judgedOn.push(note(item));
        else if (meta.template === 'no-villains') this.perspectives.add(item);
        else this.incentives.add(item);
        return true;
      case 'success':
        if (!party) return false;
        this.corner(party, meta).success.push(note(item));
        return true;
      case 'tension':
        if (meta.template === 'trifecta-map') this.tensions.add(item);
        else this.incentives.add(item);
        return true;
      case 'story':
        this.perspectives.add(item);
        return true;
      case 'diagnosis':
        this.verdict.push(note(item));
        return true;
      case 'shared-outcome':
      case 'evidence':
      case 'gap':
        return this.addOutcome(item, meta);
      case 'interesting':
        this.facets.add(item);
        return true;
      case 'priority':
        this.priorities.push(note(item));
        return true;
      case 'overlap':
        this.options.push(placed(item));
        return true;
      case 'stage': {
        const stage = meta.stage;
        if (stage === undefined || !Number.isInteger(stage) || stage < 1) return false;
        this.stages.set(stage, [...(this.stages.get(stage) ?? []), planItem(item)]);
        return true;
      }
      case 'action':
        this.actions.push(planItem(item));
        return true;
      default:
        if (!RETRO_KINDS.includes(meta.kind)) return false;
        this.retro.add(item);
        return true;
    }
  }

  private addOutcome(item: BoardItem, meta: AreaMeta): boolean {
    if (meta.kind === 'shared-outcome' && meta.template === 'trifecta-map') this.sharedOutcomes.push(note(item));
    else if (meta.kind === 'shared-outcome' && meta.template === 'staged-compromise') this.planOutcome.push(note(item));
    else if (meta.template === 'shared-scorecard' && meta.topic) {
      // describeArea gives `<Topic> · <Column>` for scorecard areas.
      const label = cleanLine(item.area?.label.split(' · ')[0] ?? meta.topic, 120) || meta.topic;
      const entry = this.scorecard.get(meta.topic) ?? { row: { topic: meta.topic, label, goodLooksLike: [], evidence: [], gaps: [] }, area: item.area };
      const { row } = entry;
      (meta.kind === 'shared-outcome' ? row.goodLooksLike : meta.kind === 'evidence' ? row.evidence : row.gaps).push(note(item));
      if (item.area && entry.area && compareAreas(item.area, entry.area) < 0) entry.area = item.area;
      this.scorecard.set(meta.topic, entry);
    } else return false;
    return true;
  }

  private party(party: Party, meta: AreaMeta) {
    const view = this.parties.get(party) ?? { label: null, positions: [], needs: [], constraints: [] };
    view.label ??= meta.partyLabel ? cleanLine(meta.partyLabel, 120) || null : null;
    this.parties.set(party, view);
    return view;
  }

  private corner(party: Party, meta: AreaMeta) {
    const view = this.corners.get(party) ?? { label: null, judgedOn: [], success: [] };
    view.label ??= meta.partyLabel ? cleanLine(meta.partyLabel, 120) || null : null;
    this.corners.set(party, view);
    return view;
  }

  diagnosis(): Diagnosis | null {
    const d: Diagnosis = { incentives: this.incentives.list(), perspectives: this.perspectives.list(), verdict: this.verdict };
    return d.incentives.length || d.perspectives.length || d.verdict.length ? d : null;
  }

  partyViews(): PartyView[] {
    return PARTY_ORDER.flatMap((party) => {
      const v = this.parties.get(party);
      return v ? [{ party, label: v.label ?? DEFAULT_PARTY_LABELS[party], positions: v.positions, needs: v.needs, constraints: v.constraints }] : [];
    });
  }

  trifecta(): Trifecta | null {
    const corners = PARTY_ORDER.flatMap((party) => {
      const c = this.corners.get(party);
      return c ? [{ party, label: c.label ?? DEFAULT_PARTY_LABELS[party], judgedOn: c.judgedOn, success: c.success }] : [];
    });
    const t: Trifecta = { corners, tensions: this.tensions.list(), sharedOutcomes: this.sharedOutcomes };
    return corners.length || t.tensions.length || t.sharedOutcomes.length ? t : null;
  }

  scorecardRows(): ScorecardRow[] {
    return [...this.scorecard.values()].sort((a, b) => (a.area && b.area ? compareAreas(a.area, b.area) : 0)).map((e) => e.row);
  }

  interestingWork(): InterestingWork | null {
    const w: InterestingWork = { facets: this.facets.list(), priorities: this.priorities };
    return w.facets.length || w.priorities.length ? w : null;
  }

  plan(): Stages | null {
    const steps = [...this.stages.keys()].sort((a, b) => a - b).map((stage) => ({ stage, items: this.stages.get(stage) ?? [] }));
    const s: Stages = { sharedOutcome: this.planOutcome, steps, actions: this.actions };
    return s.sharedOutcome.length || s.steps.length || s.actions.length ? s : null;
  }
}
