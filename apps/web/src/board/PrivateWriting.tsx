import { useValue, type Editor } from 'tldraw';
import type { OnlinePerson } from './usePeople.ts';
import { privateFlag } from './privateWriting.ts';

/** While a private-writing round runs: what it means for me, and how many notes each other person holds. */
export function PrivateBanner({ people, round, mine, canWrite }: { people: OnlinePerson[]; round: string; mine: number; canWrite: boolean }) {
  const others = people.filter((p) => !p.isMe && p.role !== 'viewer');
  return (
    <div className="banner private-banner" role="status" data-testid="private-banner">
      <strong>Private writing.</strong>{' '}
      {canWrite ? (
        <>
          Notes you add now stay on this device until the facilitator reveals them — <span data-testid="private-mine">{mine}</span> so far.
        </>
      ) : (
        'Participants are writing notes only they can see until the reveal.'
      )}
      {others.length > 0 && (
        <span className="private-others" data-testid="private-others">
          {' '}
          {others.map((p) => `${p.name}: ${p.privateRound === round ? p.privateNotes : 0} private note${p.privateRound === round && p.privateNotes === 1 ? '' : 's'}`).join(' · ')}
        </span>
      )}
    </div>
  );
}

/** A "private" tag on each of my notes that nobody else can see yet. */
export function PrivateLayer({ editor }: { editor: Editor }) {
  const notes = useValue(
    'private notes',
    () => {
      editor.getCamera();
      return editor
        .getCurrentPageShapes()
        .filter((s) => privateFlag(s))
        .map((s) => ({ id: s.id, box: editor.getShapePageBounds(s)! }))
        .filter((n) => n.box);
    },
    [editor],
  );
  return (
    <div className="vote-layer">
      {notes.map(({ id, box }) => {
        const p = editor.pageToViewport({ x: box.minX, y: box.minY });
        return (
          <span key={id} className="private-tag" style={{ left: p.x + 4, top: p.y - 12 }} data-testid={`private-${id}`} title="Only you can see this note until the reveal">
            private
          </span>
        );
      })}
    </div>
  );
}
