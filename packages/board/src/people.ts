import type * as Y from 'yjs';
import { num, rec, str } from './values.ts';

// The content room's `people` map: everyone who joined the board with write access. Awareness says
// who is online; this registry remembers who took part (the people panel, the decision record).

/** Root `Y.Map<personId, Person>` of the content room: everyone who has written on the board. */
export const PEOPLE = 'people';

/** Which side of the trifecta a person sits on, when they said so. */
export type Party = 'em' | 'pm' | 'business';
/** The three sides, in the order tables show them. */
const PARTIES: readonly Party[] = ['em', 'pm', 'business'];

/** Is `value` a side of the trifecta? */
export const isParty = (value: unknown): value is Party => typeof value === 'string' && (PARTIES as readonly string[]).includes(value);

/** A person who joined the board with write access, as they introduced themselves. */
export interface Person {
  id: string;
  name: string;
  color: string;
  /** Their role on the board ('facilitator' | 'participant'), from their link. */
  role: string;
  /** Their side of the trifecta, or null. */
  party: Party | null;
  /** Last time (ms, their clock) they were on the board. */
  lastSeen: number;
}

/** The `people` map of a board doc. */
export function getPeopleMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PEOPLE);
}

/** One `people` entry read defensively; null when malformed. */
export function readPerson(id: string, v: unknown): Person | null {
  const p = rec(v);
  if (!p) return null;
  const name = str(p.name, 80);
  if (name === null) return null;
  const party = isParty(p.party) ? p.party : null;
  return { id, name, color: str(p.color, 32) ?? '#888888', role: str(p.role, 20) ?? 'participant', party, lastSeen: num(p.lastSeen) ? p.lastSeen : 0 };
}

/** Everyone in the `people` map (validated; malformed entries are skipped), by name. */
export function readPeople(doc: Y.Doc): Person[] {
  const out: Person[] = [];
  getPeopleMap(doc).forEach((v, id) => {
    const p = readPerson(id, v);
    if (p) out.push(p);
  });
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Adds or refreshes a person in the `people` map (skipped when nothing but `lastSeen` changed recently). */
export function upsertPerson(doc: Y.Doc, person: Person, origin?: unknown): void {
  const prev = readPerson(person.id, getPeopleMap(doc).get(person.id));
  if (prev && prev.name === person.name && prev.color === person.color && prev.role === person.role && prev.party === person.party && person.lastSeen - prev.lastSeen < 60_000) return;
  doc.transact(() => getPeopleMap(doc).set(person.id, { name: person.name, color: person.color, role: person.role, party: person.party, lastSeen: person.lastSeen }), origin);
}

