import type {
  TLArrowBinding,
  TLArrowShape,
  TLBindingId,
  TLFrameShape,
  TLParentId,
  TLShapeId,
  TLTextShape,
} from 'tldraw';
import type { BoardAgendaStep } from '@accord/board';

/** Every template id, in kebab-case. Stored in `meta.accord.template` of the shapes it creates. */
export type TemplateId =
  | 'needs-vs-positions'
  | 'trifecta-map'
  | 'staged-compromise'
  | 'diagnose'
  | 'no-villains'
  | 'interesting-work'
  | 'shared-scorecard'
  | 'start-stop-continue'
  | 'four-ls'
  | 'partnership-health'
  | 'partnership-workshop';

/** A method template walks through part of the EM/PM partnership method; a retro looks back. */
type TemplateKind = 'method' | 'retro';

/** One of the people in the partnership. */
export type Party = 'em' | 'pm' | 'business';

/** A party, or a pair of parties joined by `+` (used for tensions between two roles). */
export type PartyRef = Party | 'em+pm' | 'em+business' | 'pm+business';

/**
 * What a frame collects. Notes dropped into a frame take this meaning.
 * Decoration shapes (prompts, titles, headings, connectors) use {@link DecorationKind} instead.
 */
export type AreaKind =
  // understanding
  | 'position'
  | 'need'
  | 'constraint'
  | 'question'
  // incentives
  | 'evaluation'
  | 'success'
  | 'shared-outcome'
  | 'tension'
  | 'evidence'
  | 'gap'
  | 'diagnosis'
  // no villains
  | 'story'
  // interesting work
  | 'interesting'
  | 'priority'
  | 'overlap'
  // compromise
  | 'stage'
  // retros
  | 'start'
  | 'stop'
  | 'continue'
  | 'liked'
  | 'learned'
  | 'lacked'
  | 'longed-for'
  | 'trust'
  | 'conflict'
  | 'escalation'
  | 'visibility'
  | 'action'
  // workshop
  | 'section';

/** Shapes that explain the board but hold no answers: skip them when reading content. */
export type DecorationKind = 'prompt' | 'title' | 'heading' | 'connector';

/**
 * `shape.meta.accord` of a frame: what notes inside it mean.
 * `area` is a stable key, unique within one template in one build (e.g. `em-need`, `stage-2-pm`).
 */
export type AreaMeta = {
  template: TemplateId;
  kind: AreaKind;
  area: string;
  /** Whose area it is; a pair such as `em+pm` for a tension. */
  party?: PartyRef;
  /** The party label at build time, e.g. `Priya (EM)` or `EM + PM`. */
  partyLabel?: string;
  /** 1-based stage of a staged compromise. */
  stage?: number;
  /** Sub-topic: a scorecard outcome (`delivery`) or a facet of interesting work (`autonomy`). */
  topic?: string;
  /** 1-based position of a workshop section in the method. */
  step?: number;
};

/** `shape.meta.accord` of a prompt, title, heading or arrow. `area` names the frame a prompt belongs to. */
type DecorationMeta = {
  template: TemplateId;
  kind: DecorationKind;
  area: string;
};

/** Any `shape.meta.accord` this package writes. */
export type AccordMeta = AreaMeta | DecorationMeta;

type Placed<S extends TLFrameShape | TLTextShape | TLArrowShape, M> = {
  id: TLShapeId;
  type: S['type'];
  x: number;
  y: number;
  rotation: number;
  opacity: number;
  isLocked: boolean;
  /** Set only for shapes nested in another shape of the same template (coordinates are then parent-relative). */
  parentId?: TLParentId;
  props: Partial<S['props']>;
  meta: { accord: M };
};

/** A frame: one area of a template. */
export type TemplateFrame = Placed<TLFrameShape, AreaMeta>;
/** A text: a frame's prompt, or a title or heading. */
export type TemplateText = Placed<TLTextShape, DecorationMeta>;
/** An arrow between two frames. */
export type TemplateArrow = Placed<TLArrowShape, DecorationMeta>;
/** A tldraw shape partial created by a template; assignable to tldraw's `TLShapePartial`. */
export type TemplateShape = TemplateFrame | TemplateText | TemplateArrow;

/** An arrow binding (arrow end -> frame); assignable to tldraw's `TLBindingCreate`. */
export type TemplateBinding = {
  id: TLBindingId;
  type: 'arrow';
  fromId: TLShapeId;
  toId: TLShapeId;
  props: TLArrowBinding['props'];
  meta: Record<string, never>;
};

/** An axis-aligned rectangle in page (or parent) coordinates. */
export type Box = { x: number; y: number; w: number; h: number };

/** A point. */
export type Point = { x: number; y: number };

/** A size. */
export type Size = { w: number; h: number };

/**
 * One step of a facilitated session, shown in the agenda panel: the board's agenda step (kept in
 * the document record's meta, `@accord/board`), with the shape ids of the frames it covers typed.
 */
export type AgendaStep = Omit<BoardAgendaStep, 'areaIds'> & {
  /** Shape ids of the frames this step covers; the web app zooms to their union. */
  areaIds: TLShapeId[];
};

/** What a template build returns; every position is relative to the origin until placed. */
export type TemplateResult = {
  /** Parents come before their children, so the array can go to `editor.createShapes` as is. */
  shapes: TemplateShape[];
  bindings: TemplateBinding[];
  agenda: AgendaStep[];
  /** Union of the top-level shapes. Starts at (0, 0) until placed. */
  bounds: Box;
};

/** Display labels for the parties, e.g. `{ em: 'Priya (EM)' }`. Missing ones fall back to `EM`, `PM`, `Business lead`. */
export type PartyLabels = { em?: string; pm?: string; business?: string };

/** Options a template accepts (validated by `parseTemplateOptions`). Templates ignore what they don't use. */
export type TemplateOptions = {
  parties?: PartyLabels;
  /** Add the business leader as a third party where a template has per-party areas. Default false. */
  includeBusiness?: boolean;
  /** Stages of a staged compromise, 2–4. Default 3. */
  stages?: number;
};

/** Options for one build: the template options plus the id prefix. */
export type BuildOptions = TemplateOptions & {
  /**
   * Namespaces every shape id (`shape:<idPrefix>-…`): the same prefix gives the same ids, so
   * insert each time with a new one. 1–40 chars of `[A-Za-z0-9_-]`.
   */
  idPrefix: string;
};

/** A template in the registry. */
export type Template = {
  id: TemplateId;
  title: string;
  description: string;
  kind: TemplateKind;
  /** Which options change this template's result (the rest are accepted and ignored). */
  options: { parties: boolean; includeBusiness: boolean; stages: boolean };
  build(options: BuildOptions): TemplateResult;
};
