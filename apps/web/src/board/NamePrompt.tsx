import { useState, type FormEvent } from 'react';
import type { Party } from '@accord/board';

/** The sides of the trifecta a person can sit on; votes can be tallied by side. */
export const PARTY_CHOICES: ReadonlyArray<{ value: Party | null; label: string }> = [
  { value: 'em', label: 'EM (engineering)' },
  { value: 'pm', label: 'PM (product)' },
  { value: 'business', label: 'Business leader' },
  { value: null, label: 'Other / not saying' },
];

export const partyLabel = (party: Party | null | undefined): string => PARTY_CHOICES.find((c) => c.value === (party ?? null))?.label ?? '';

/** First visit: asks for the name others will see on this person's cursor, and their side; remembered. */
export function NamePrompt({ initial, onDone }: { initial: string; onDone: (name: string, party: Party | null) => void }) {
  const [name, setName] = useState(initial);
  const [party, setParty] = useState<Party | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (n) onDone(n.slice(0, 60), party);
  };
  return (
    <div className="modal-backdrop">
      <form className="modal" onSubmit={submit} aria-label="Your name">
        <h2>What should people call you?</h2>
        <p>Your name shows next to your cursor and in the people list.</p>
        {/* biome-ignore lint/a11y/noAutofocus: the modal asks for this one thing; focus belongs in its field. */}
        <input aria-label="Display name" autoFocus maxLength={60} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Priya" />
        <fieldset className="party-choice">
          <legend>Which side do you speak for? (optional — dot votes can be split by side)</legend>
          {PARTY_CHOICES.map((c) => (
            <label key={c.label} className="check">
              <input type="radio" name="party" checked={party === c.value} onChange={() => setParty(c.value)} /> {c.label}
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button className="button primary" type="submit" disabled={!name.trim()}>
            Join board
          </button>
        </div>
      </form>
    </div>
  );
}
