import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../lib/api.ts';
import { forgetBoard, knownBoards, pendingTemplate, type KnownBoard } from '../lib/local.ts';
import { getTemplate, templates, type TemplateOptions } from '@accord/templates';
import { TemplateOptionsForm, TemplatePreview, cleanOptions } from '../board/TemplatePicker.tsx';
import { boardHref, navigate, openNewBoard } from '../router.ts';
import { ImportTldr } from '../decisions/ImportTldr.tsx';

function ago(ms: number): string {
  const s = Math.round((Date.now() - ms) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return new Date(ms).toLocaleDateString();
}

/** Home: create a board and land in it as facilitator; the boards this browser knows. */
export function Home() {
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [boards, setBoards] = useState<KnownBoard[]>(() => knownBoards());
  const [templateId, setTemplateId] = useState('');
  const [options, setOptions] = useState<TemplateOptions>({});
  const template = templateId ? getTemplate(templateId) : undefined;

  async function create(e: FormEvent) {
    e.preventDefault();
    const t = title.trim();
    if (!t) return setError('Give the board a title.');
    setBusy(true);
    setError(null);
    try {
      const board = await api.createBoard(t, template?.id);
      if (template) pendingTemplate.set(board.id, cleanOptions(options));
      openNewBoard(board);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not create the board.');
      setBusy(false);
    }
  }

  return (
    <main className="page home">
      <header className="home-header">
        <span className="logo">Accord</span>
        <span className="tagline">Whiteboards for workshops that end in a decision.</span>
      </header>
      <section className="card">
        <h1>Start a board</h1>
        <form onSubmit={create} className="create-form">
          <label htmlFor="board-title">Title</label>
          <div className="row">
            {/* biome-ignore lint/a11y/noAutofocus: naming a new board is what this page is for; its field is the first stop. */}
            <input id="board-title" name="title" placeholder="e.g. Checkout rewrite: EM/PM alignment" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
            <button className="button primary" type="submit" disabled={busy}>
              {busy ? 'Creating…' : 'Create board'}
            </button>
          </div>
          <div className="home-template">
            <label htmlFor="board-template">Start from</label>
            <select id="board-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
              <option value="">A blank board</option>
              {templates.map((tp) => (
                <option key={tp.id} value={tp.id}>
                  {tp.title}
                </option>
              ))}
            </select>
          </div>
          {template && (
            <div className="home-template">
              <TemplatePreview template={template} options={cleanOptions(options)} />
              <p className="muted">{template.description}</p>
              <TemplateOptionsForm template={template} value={options} onChange={setOptions} />
            </div>
          )}
          {error && <p className="form-error" role="alert">{error}</p>}
        </form>
        <ImportTldr />
      </section>
      <section className="card">
        <h2>Your boards</h2>
        {boards.length === 0 ? (
          <p className="muted">Boards you create or join from a link appear here.</p>
        ) : (
          <ul className="board-list" data-testid="your-boards">
            {boards.map((b) => (
              <li key={b.id}>
                <a href={boardHref(b.id, b.token)} onClick={(e) => {
                    e.preventDefault();
                    navigate(boardHref(b.id, b.token));
                  }}>
                  <strong>{b.title}</strong>
                </a>
                <span className={`role role-${b.role}`}>{b.role}</span>
                <span className="muted">opened {ago(b.lastOpened)}</span>
                <button type="button"
                  className="button small"
                  aria-label={`Forget ${b.title}`}
                  onClick={() => {
                    forgetBoard(b.id);
                    setBoards(knownBoards());
                  }}
                >
                  Forget
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
