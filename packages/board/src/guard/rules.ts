import type { TLRecord, TLSchema } from '@tldraw/tlschema';
import { isEqual } from '@tldraw/utils';
import type { Role } from '../access.ts';
import { SCHEMA_KEY } from '../doc.ts';
import { AREA_META, AUTHOR_META, FOLLOW_UP_OF_META, PRIVATE_META, VOTE_RESULT_META } from '../meta.ts';
import { compareSchemas, migrateDocumentRecord } from '../schema.ts';
import { readSessionValue, SESSION_KEYS, SERVER_SESSION_KEYS } from '../session.ts';
import { readPerson } from '../people.ts';
import { rec } from '../values.ts';
import type { Effects, MapEffect, RecordEffect } from './shadow.ts';

// What a board room may hold and who may change what (ARCHITECTURE.md, "Board documents"): the
// server-side half of every rule the web app shows. Each function returns the reason an update is
// refused, or null.

/** Who wrote an update: a connection's role and server-recognised person, or the server itself. */
export type Writer = { role: Role; personId: string | null } | 'server';

/** What record rules need to know beyond the effects. */
export interface RecordContext {
  schema: TLSchema;
  /** The serialized schema stored with the board after the update (the writer's). */
  storedSchema: unknown;
  /** The current value of another record (e.g. the arrow a binding starts from). */
  current(key: string): unknown;
}

const metaOf = (record: unknown): Record<string, unknown> => rec(rec(record)?.meta) ?? {};

/**
 * Is `record` template structure — a frame, prompt, title or connector arrow a template made (they
 * carry `meta.accord`), or the binding of such an arrow? Only a facilitator changes it; the server
 * refuses anyone else, and the web app does not let them try. `current` looks up another record.
 */
export function isTemplateStructure(record: unknown, current: (id: string) => unknown): boolean {
  const r = rec(record);
  if (!r) return false;
  if (r.typeName === 'shape') return rec(metaOf(r)[AREA_META]) !== null;
  if (r.typeName === 'binding' && typeof r.fromId === 'string') return isTemplateStructure(current(r.fromId), current);
  return false;
}

const isProtected = (record: unknown, ctx: RecordContext): boolean => isTemplateStructure(record, ctx.current);

const isFacilitator = (w: Writer) => w === 'server' || w.role === 'facilitator';

/** Checks one added value of a record: shape, schema validity and Accord's meta. Returns the validated record or a reason. */
function checkValue(e: RecordEffect, value: unknown, writer: Writer, ctx: RecordContext): string | null {
  const v = rec(value);
  if (!v || v.id !== e.key) return `record "${e.key}" must carry its own key as id`;
  let record: TLRecord;
  try {
    const relation = compareSchemas(ctx.schema, ctx.storedSchema);
    if (relation === 'newer') return 'the board was written with a schema the server cannot read';
    record = migrateDocumentRecord(ctx.schema, v as unknown as TLRecord, ctx.storedSchema, relation);
  } catch (err) {
    return `record "${e.key}" is not valid: ${(err as Error).message}`;
  }
  if (writer === 'server') return null;
  const meta = metaOf(record);
  const before = metaOf(e.before);
  if (meta[PRIVATE_META] !== undefined) return 'private notes stay on their writer’s device';
  if (!isEqual(meta[VOTE_RESULT_META], before[VOTE_RESULT_META])) return 'vote results are written by the server';
  if (!isEqual(meta[FOLLOW_UP_OF_META], before[FOLLOW_UP_OF_META])) return 'the record a board follows up is written by the server';
  if (!isEqual(meta[AUTHOR_META], before[AUTHOR_META])) {
    const author = rec(meta[AUTHOR_META]);
    if (author && author.id !== writer.personId) return 'a note can only be signed by its writer';
  }
  return null;
}

/** Structure only a facilitator changes: template shapes, the document record, page deletion. */
function checkStructure(e: RecordEffect, writer: Writer, ctx: RecordContext): string | null {
  const typeName = rec(e.before)?.typeName ?? rec(e.added[0])?.typeName;
  if (typeName === 'document') {
    if (!e.remains && writer !== 'server') return 'the board’s document record cannot be deleted';
    // A board made before the server seeded its document gets tldraw's blank one from whoever opens it first.
    const blankSeed = e.before === undefined && e.added.every((v) => rec(v)?.name === '' && Object.keys(metaOf(v)).length === 0);
    if (!isFacilitator(writer) && !blankSeed && e.added.some((v) => !isEqual(v, e.before))) return 'only a facilitator can rename the board or change its agenda';
  }
  if (isFacilitator(writer)) return null;
  if (typeName === 'page' && !e.remains) return 'only a facilitator can delete a page';
  const wasProtected = e.before !== undefined && isProtected(e.before, ctx);
  if (wasProtected && (!e.remains || e.added.some((v) => !isEqual(v, e.before)))) return 'template frames and prompts can only be changed by a facilitator';
  if (!wasProtected && e.added.some((v) => isProtected(v, ctx))) return 'only a facilitator can add template structure';
  return null;
}

/** The `records` changes of an update. */
export function recordRefusal(effects: Effects, writer: Writer, ctx: RecordContext): string | null {
  for (const e of effects.records.values()) {
    for (const value of e.added) {
      const reason = checkValue(e, value, writer, ctx);
      if (reason) return reason;
    }
    const reason = checkStructure(e, writer, ctx);
    if (reason) return reason;
  }
  return null;
}

/** A change to one of the content room's maps (`schema`, `people`, `votes`). */
export function contentMapRefusal(m: MapEffect, writer: Writer, schema: TLSchema): string | null {
  if (writer === 'server') return null;
  switch (m.root) {
    case 'schema': {
      if (m.key !== SCHEMA_KEY) return `the schema map holds only "${SCHEMA_KEY}"`;
      const relation = compareSchemas(schema, m.after);
      if (relation === 'newer' || relation === 'none') return 'the board may only be written with a schema the server can read';
      return null;
    }
    case 'people': {
      if (m.key !== writer.personId) return 'a person can only write their own entry in the people list';
      if (m.after === undefined) return 'people entries are not deleted';
      const person = readPerson(m.key, m.after);
      if (!person || person.role !== writer.role || !isEqual({ ...person, id: undefined }, { ...rec(m.after), id: undefined })) return 'a people entry must be well formed and carry the writer’s own role';
      return null;
    }
    case 'votes':
      return 'ballots are cast through the server';
    default:
      return `"${m.root}" is not part of the board document`;
  }
}

/** A change to the facilitation room's `session` map: known keys, well-formed values; the vote is the server's. */
export function sessionRefusal(m: MapEffect, writer: Writer): string | null {
  if (!(SESSION_KEYS as readonly string[]).includes(m.key)) return `"${m.key}" is not a session field`;
  if (writer !== 'server' && (SERVER_SESSION_KEYS as readonly string[]).includes(m.key)) return `the ${m.key} field is written by the server`;
  if (m.after === undefined) return null;
  const key = m.key as (typeof SESSION_KEYS)[number];
  if (!isEqual(readSessionValue(key, m.after), m.after)) return `the session's ${m.key} field is malformed`;
  // "Follow me" and "bring everyone here" name who asked: only themselves.
  if ((key === 'followMe' || key === 'focus') && writer !== 'server' && rec(m.after)?.by !== writer.personId) return `a facilitator can only ask everyone to ${key === 'focus' ? 'come to their view' : 'follow them'} as themselves`;
  return null;
}
