import { useState, type FormEvent } from 'react';

/** First visit: asks for the name others will see on this person's cursor; remembered. */
export function NamePrompt({ initial, onDone }: { initial: string; onDone: (name: string) => void }) {
  const [name, setName] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (n) onDone(n.slice(0, 60));
  };
  return (
    <div className="modal-backdrop">
      <form className="modal" onSubmit={submit} aria-label="Your name">
        <h2>What should people call you?</h2>
        <p>Your name shows next to your cursor and in the people list.</p>
        <input aria-label="Display name" autoFocus maxLength={60} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Priya" />
        <div className="actions">
          <button className="button primary" type="submit" disabled={!name.trim()}>
            Join board
          </button>
        </div>
      </form>
    </div>
  );
}
