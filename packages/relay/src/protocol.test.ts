import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import * as syncProtocol from 'y-protocols/sync';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import { ProtocolError, decodeAwareness, deletionsKnown, encodeAwareness, encodePermissionDenied, encodeSyncStep2, parseMessage, validateUpdate } from './protocol.ts';
import { awarenessFrame, step1Frame, textUpdate, updateFrame } from './test/fakes.ts';

const bytes = (...xs: number[]) => new Uint8Array(xs);

function richDoc(clientID: number): Y.Doc {
  const d = new Y.Doc();
  d.clientID = clientID;
  d.getText('t').insert(0, 'hello world');
  d.getMap('m').set('k', { a: 1 });
  d.getArray('a').push([1, 'x', new Uint8Array([1, 2])]);
  const sub = new Y.Map<number>();
  d.getMap('m').set('sub', sub);
  sub.set('z', 2);
  sub.set('z', 3);
  d.getText('t').delete(2, 3);
  d.getXmlFragment('x').insert(0, [new Y.XmlElement('p')]);
  return d;
}

describe('parseMessage', () => {
  it('reads every message a stock client sends', () => {
    const doc = richDoc(5);
    expect(parseMessage(step1Frame(doc))).toMatchObject({ kind: 'step1' });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep2(e, doc);
    expect(parseMessage(encoding.toUint8Array(e))).toMatchObject({ kind: 'write', step2: true, empty: false });
    expect(parseMessage(updateFrame(textUpdate('x')))).toMatchObject({ kind: 'write', step2: false });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Ana' } });
    const a = encoding.createEncoder();
    encoding.writeVarUint(a, 1);
    encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(awareness, [5]));
    const parsed = parseMessage(encoding.toUint8Array(a));
    expect(parsed).toMatchObject({ kind: 'awareness', entries: [{ clientId: 5, clock: 1 }] });
    awareness.destroy();
    expect(parseMessage(bytes(3))).toEqual({ kind: 'query-awareness' });
  });

  it('[R5] rejects malformed frames with ProtocolError', () => {
    const malformed: Array<[string, Uint8Array]> = [
      ['empty frame', bytes()],
      ['truncated varint', bytes(0x80)],
      ['unknown type', bytes(7)],
      ['auth from a client', encodePermissionDenied('x')],
      ['unknown sync sub-type', bytes(0, 9, 0)],
      ['length past the end', bytes(0, 2, 50, 1, 2)],
      ['undecodable update', updateFrame(bytes(200, 1, 2, 3))],
      ['bad state vector', bytes(0, 0, 2, 5, 0x80)],
      ['trailing bytes', Uint8Array.from([...updateFrame(textUpdate('x')), 0])],
      ['awareness state not JSON', bytes(1, 5, 1, 1, 1, 1, 0x7b)],
      ['awareness count past the frame', bytes(1, 2, 90, 1)],
    ];
    for (const [what, frame] of malformed) expect(() => parseMessage(frame), what).toThrow(ProtocolError);
  });

  it('encodes the auth message exactly as y-protocols does', () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 2);
    authProtocol.writePermissionDenied(e, 'nope');
    expect(encodePermissionDenied('nope')).toEqual(encoding.toUint8Array(e));
    const s = encoding.createEncoder();
    encoding.writeVarUint(s, 0);
    syncProtocol.writeUpdate(s, textUpdate('a', 1));
    expect(updateFrame(textUpdate('a', 1))).toEqual(encoding.toUint8Array(s));
    const doc = richDoc(9);
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, 0);
    syncProtocol.writeSyncStep2(step2, doc);
    expect(encodeSyncStep2(Y.encodeStateAsUpdate(doc))).toEqual(encoding.toUint8Array(step2));
  });

  it('round-trips awareness entries', () => {
    const entries = [
      { clientId: 1, clock: 3, state: '{"a":1}' },
      { clientId: 2 ** 31, clock: 0, state: 'null' },
    ];
    expect(decodeAwareness(encodeAwareness(entries))).toEqual(entries);
    expect(parseMessage(awarenessFrame([{ clientId: 4, clock: 2, state: { x: 1 } }]))).toMatchObject({ kind: 'awareness' });
  });
});

describe('validateUpdate', () => {
  it('tells empty and deletion-only updates apart', () => {
    expect(validateUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ empty: true, deletesOnly: null });
    const doc = richDoc(3);
    const all = validateUpdate(Y.encodeStateAsUpdate(doc));
    expect(all).toEqual({ empty: false, deletesOnly: null });
    // What a client that has everything answers to our step 1: no structs, its whole delete set.
    const routine = validateUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)));
    expect(routine.empty).toBe(false);
    expect(routine.deletesOnly).not.toBeNull();
    expect(deletionsKnown(doc, routine.deletesOnly!)).toBe(true);
    expect(deletionsKnown(new Y.Doc(), routine.deletesOnly!)).toBe(false);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(other);
    other.getText('t').delete(0, 1);
    const fresh = validateUpdate(Y.encodeStateAsUpdate(other, sv));
    expect(fresh.deletesOnly).not.toBeNull();
    expect(deletionsKnown(doc, fresh.deletesOnly!)).toBe(false);
  });

  // Y.decodeUpdate accepts some corrupt updates that Y.applyUpdate then throws on; stored, they
  // would break every later load of the room. Mutate real updates at random: whatever the
  // validator lets through must apply, merge and reload cleanly, and it must catch those cases.
  it('[R5] lets through only updates that apply, merge and reload (seeded mutation fuzz)', () => {
    const gen = prng.create(20261124);
    const base = richDoc(1);
    const baseUpdate = Y.encodeStateAsUpdate(base);
    let accepted = 0;
    let decodableButRejected = 0;
    for (let i = 0; i < 6000; i++) {
      let source: Uint8Array;
      if (prng.bool(gen)) {
        source = Y.encodeStateAsUpdate(richDoc(prng.uint32(gen, 2, 1000)));
      } else {
        const b = new Y.Doc();
        b.clientID = 2;
        Y.applyUpdate(b, baseUpdate);
        const sv = Y.encodeStateVector(b);
        b.getText('t').insert(prng.uint32(gen, 0, 6), 'XY');
        (b.getMap('m').get('sub') as Y.Map<string>).set('q', 'w');
        b.getArray('a').insert(1, ['n']);
        source = Y.encodeStateAsUpdate(b, sv);
      }
      const u = source.slice();
      for (let j = prng.uint32(gen, 1, 4); j > 0; j--) u[prng.uint32(gen, 0, u.length - 1)] = prng.uint32(gen, 0, 255);
      const candidate = prng.int32(gen, 0, 4) === 0 ? u.subarray(0, prng.uint32(gen, 0, u.length - 1)) : u;
      let decodes = true;
      try {
        Y.decodeUpdate(candidate);
      } catch {
        decodes = false;
      }
      try {
        validateUpdate(candidate);
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError);
        if (decodes) decodableButRejected++;
        continue;
      }
      accepted++;
      const onBase = new Y.Doc();
      Y.applyUpdate(onBase, baseUpdate);
      Y.applyUpdate(onBase, candidate);
      Y.applyUpdate(new Y.Doc(), candidate);
      const merged = Y.mergeUpdates([baseUpdate, candidate]);
      Y.applyUpdate(new Y.Doc(), merged);
      Y.applyUpdate(new Y.Doc(), Y.encodeStateAsUpdate(onBase));
      onBase.toJSON();
    }
    expect(accepted).toBeGreaterThan(100);
    expect(decodableButRejected).toBeGreaterThan(10);
  });
});
