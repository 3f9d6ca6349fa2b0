import * as Y from 'yjs';
import { createTLSchema, getIndices, type TLRecord, type TLShapeId } from 'tldraw';
import { createBindingRecord, createShapeRecord, type ShapeInit } from '@accord/board/fixtures';
import { getVotesMap, tallyRound, upsertPerson, updateSession, voterKey, votingResults, writeBoardRecords, type FacilitationVoting, type Party } from '@accord/board';
import { getTemplate, placeTemplate, toRichText, type AgendaStep, type BuildOptions, type TemplateFrame, type TemplateId, type TemplateResult } from '@accord/templates';

// Boards as a browser would leave them in the content doc, built in Node: a document record and
// a page, templates placed on the page, and notes people dropped into the frames.

const PAGE_ID = 'page:page';
const schema = createTLSchema();

/** Labels that make sides easy to spot in records. */
export const LABELS = { em: 'Priya (EM)', pm: 'Marco (PM)', business: 'Dana (GM)' };

/** A board under construction. */
export class TestBoard {
  readonly content = new Y.Doc();
  readonly facilitation = new Y.Doc();
  private readonly records: TLRecord[] = [];
  private readonly agendas: { template: string; title: string; steps: AgendaStep[] }[] = [];
  private readonly frames: TemplateFrame[] = [];
  private readonly notesIn = new Map<string, number>();
  private noteCount = 0;

  readonly name: string;

  constructor(name = 'Test board') {
    this.name = name;
  }

  /** Places a template at `at` (its top-left corner) and records its agenda, as the web app does. */
  template(id: TemplateId, options: Omit<BuildOptions, 'idPrefix'> = {}, at = { x: 0, y: 0 }, idPrefix: string = id.slice(0, 6)): TemplateResult {
    const template = getTemplate(id);
    if (!template) throw new Error(`no template ${id}`);
    const placed = placeTemplate(template.build({ ...options, idPrefix }), at, { parentId: PAGE_ID as never });
    for (const s of placed.shapes) {
      this.records.push(createShapeRecord({ ...(s as unknown as ShapeInit), parentId: (s.parentId ?? PAGE_ID) as never }));
      if (s.type === 'frame') this.frames.push(s);
    }
    for (const b of placed.bindings) this.records.push(createBindingRecord(b as never));
    if (placed.agenda.length) this.agendas.push({ template: id, title: template.title, steps: placed.agenda });
    return placed;
  }

  /** The frame of a template area (`template` disambiguates workshop sections, which reuse area keys). */
  frame(area: string, template?: TemplateId): TemplateFrame {
    const found = this.frames.filter((f) => f.meta.accord.area === area && (!template || f.meta.accord.template === template));
    if (found.length !== 1) throw new Error(`${found.length} frames for area ${area}${template ? ` of ${template}` : ''}`);
    return found[0]!;
  }

  /** Every template frame placed so far. */
  allFrames(): readonly TemplateFrame[] {
    return this.frames;
  }

  /**
   * Drops a note into a frame (a template area key, or any shape id), laid out two per row under
   * the prompt, as a person would. Returns the note's id.
   */
  note(where: string | { area: string; template?: TemplateId }, text: string, extra: { id?: string; meta?: Record<string, unknown>; type?: 'note' | 'text' | 'geo' } = {}): string {
    const parentId = typeof where === 'string' ? (where.startsWith('shape:') ? where : this.frame(where).id) : this.frame(where.area, where.template).id;
    const i = this.notesIn.get(parentId) ?? 0;
    this.notesIn.set(parentId, i + 1);
    const id = extra.id ?? `shape:note-${++this.noteCount}`;
    const type = extra.type ?? 'note';
    const props: Record<string, unknown> = { richText: toRichText(text) };
    if (type === 'text') Object.assign(props, { autoSize: false, w: 200 });
    if (type === 'geo') Object.assign(props, { w: 200, h: 120 });
    this.records.push(createShapeRecord({ id: id as TLShapeId, type, parentId: parentId as never, x: 20 + (i % 2) * 220, y: 140 + Math.floor(i / 2) * 220, meta: (extra.meta ?? {}) as never, props }));
    return id;
  }

  /** A note on the page itself, outside every frame. */
  looseNote(text: string, at: { x: number; y: number }, id?: string): string {
    const noteId = id ?? `shape:note-${++this.noteCount}`;
    this.records.push(createShapeRecord({ id: noteId as TLShapeId, type: 'note', parentId: PAGE_ID as never, x: at.x, y: at.y, props: { richText: toRichText(text) } }));
    return noteId;
  }

  /** A frame someone drew, without template meaning. */
  plainFrame(name: string, at: { x: number; y: number }, id?: string): string {
    const frameId = id ?? `shape:frame-${++this.noteCount}`;
    this.records.push(createShapeRecord({ id: frameId as TLShapeId, type: 'frame', parentId: PAGE_ID as never, x: at.x, y: at.y, props: { w: 480, h: 440, name } }));
    return frameId;
  }

  /** Adds any record as is. */
  add(record: TLRecord): void {
    this.records.push(record);
  }

  person(id: string, name: string, role = 'participant', party: Party | null = null): this {
    upsertPerson(this.content, { id, name, color: '#3366ff', role, party, lastSeen: 1 });
    return this;
  }

  /** A legacy ballot, as boards kept them before the server held ballots: `<voteId>:<side>:<personId>` → shape id → dots. */
  ballot(voteId: string, side: string, personId: string, dots: Record<string, number>): this {
    this.content.transact(() => {
      const ballot = new Y.Map<number>();
      getVotesMap(this.content).set(voterKey(voteId, side, personId), ballot);
      for (const [shapeId, n] of Object.entries(dots)) ballot.set(shapeId, n);
    });
    return this;
  }

  /** The facilitation session's vote round, as the server writes it (without results unless given: a legacy round). */
  voting(setup: Partial<FacilitationVoting> & { id: string }): this {
    updateSession(this.facilitation, { voting: { open: false, votesPerPerson: 5, perNoteLimit: null, anonymous: false, revealed: true, frameId: null, voted: [], voterCount: 0, results: null, ...setup } });
    return this;
  }

  /**
   * A round the server counted: its ballots (side, person, dots) tallied with the board's one tally
   * and published in the session as the server does on the reveal.
   */
  counted(setup: Partial<FacilitationVoting> & { id: string }, ballots: [side: string, personId: string, dots: Record<string, number>][]): this {
    const round = { votesPerPerson: 5, perNoteLimit: null, anonymous: false, ...setup };
    const tally = tallyRound(
      ballots.map(([side, personId, dots]) => ({ voteId: setup.id, side, personId, dots: new Map(Object.entries(dots)) })),
      round,
    );
    const voted = ballots.map(([, personId]) => personId);
    return this.voting({ ...round, voted: round.anonymous ? [] : voted, voterCount: voted.length, results: votingResults(tally, round.anonymous) });
  }

  /** Every record, each shape with a fractional index, written to the content doc. Call once, last. */
  write(): this {
    const shapes = this.records.filter((r) => r.typeName === 'shape');
    const indices = getIndices(shapes.length + 1);
    for (const [i, s] of shapes.entries()) Object.assign(s, { index: indices[i + 1] });
    const document = { id: 'document:document', typeName: 'document', gridSize: 10, name: this.name, meta: this.agendas.length ? { accordAgenda: this.agendas } : {} };
    const page = { id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} };
    writeBoardRecords(this.content, [document, page, ...this.records] as TLRecord[], schema);
    return this;
  }
}
