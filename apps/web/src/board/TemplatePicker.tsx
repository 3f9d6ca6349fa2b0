import { useMemo, useState } from 'react';
import { useDialog } from './useDialog.ts';
import { templates, type Template, type TemplateOptions } from '@accord/templates';

/** A small drawing of a template's areas, from the same pure geometry that inserts it. */
export function TemplatePreview({ template, options }: { template: Template; options?: TemplateOptions }) {
  const result = useMemo(() => template.build({ ...options, idPrefix: 'preview' }), [template, options]);
  const frames = result.shapes.filter((s) => s.type === 'frame');
  const { w, h } = result.bounds;
  const colors: Record<string, string> = { blue: '#4263eb', violet: '#ae3ec9', orange: '#f76707', green: '#099268', grey: '#868e96', red: '#e03131', 'light-blue': '#4dabf7', yellow: '#f59f00', black: '#1d1d1d' };
  return (
    <svg className="template-preview" viewBox={`${result.bounds.x - 20} ${result.bounds.y - 20} ${w + 40} ${h + 40}`} role="img" aria-label={`Preview of ${template.title}`}>
      {frames.map((f) => {
        const p = f.props as { w?: number; h?: number; color?: string };
        const c = colors[p.color ?? 'grey'] ?? '#868e96';
        return <rect key={f.id} x={f.x} y={f.y} width={p.w ?? 0} height={p.h ?? 0} rx={12} fill={c} fillOpacity={0.12} stroke={c} strokeWidth={Math.max(w, h) / 200} />;
      })}
    </svg>
  );
}

/** Options for a template, with the fields it uses. */
export function TemplateOptionsForm({ template, value, onChange }: { template: Template; value: TemplateOptions; onChange: (v: TemplateOptions) => void }) {
  const o = template.options;
  return (
    <div className="template-options">
      {o.parties && (
        <>
          <label>
            EM label <input value={value.parties?.em ?? ''} placeholder="EM" maxLength={40} onChange={(e) => onChange({ ...value, parties: { ...value.parties, em: e.target.value } })} />
          </label>
          <label>
            PM label <input value={value.parties?.pm ?? ''} placeholder="PM" maxLength={40} onChange={(e) => onChange({ ...value, parties: { ...value.parties, pm: e.target.value } })} />
          </label>
        </>
      )}
      {o.includeBusiness && (
        <label className="check">
          <input type="checkbox" checked={!!value.includeBusiness} onChange={(e) => onChange({ ...value, includeBusiness: e.target.checked })} /> Include the business leader
        </label>
      )}
      {o.parties && (o.includeBusiness ? value.includeBusiness : template.id === 'trifecta-map') && (
        <label>
          Business label <input value={value.parties?.business ?? ''} placeholder="Business lead" maxLength={40} onChange={(e) => onChange({ ...value, parties: { ...value.parties, business: e.target.value } })} />
        </label>
      )}
      {o.stages && (
        <label>
          Stages{' '}
          <select value={value.stages ?? 3} onChange={(e) => onChange({ ...value, stages: Number(e.target.value) })}>
            <option value={2}>2</option>
            <option value={3}>3</option>
            <option value={4}>4</option>
          </select>
        </label>
      )}
    </div>
  );
}

/** Drops empty labels so the template's defaults apply. */
export function cleanOptions(v: TemplateOptions): TemplateOptions {
  const parties = Object.fromEntries(Object.entries(v.parties ?? {}).filter(([, s]) => typeof s === 'string' && s.trim() !== '').map(([k, s]) => [k, (s as string).trim()]));
  return { ...v, parties };
}

/** The insert dialog on a board: pick a template, set its options, see it, insert it. */
export function TemplatePicker({ onInsert, onClose }: { onInsert: (t: Template, o: TemplateOptions) => void; onClose: () => void }) {
  const [selected, setSelected] = useState<Template>(templates[0]!);
  const [options, setOptions] = useState<TemplateOptions>({});
  const clean = useMemo(() => cleanOptions(options), [options]);
  const dialog = useDialog(onClose);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the dialog is a pointer shortcut; its Close button does the same from the keyboard.
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above, the Close button is the keyboard's way.
    <div className="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal wide" role="dialog" aria-modal="true" aria-label="Insert a template" {...dialog}>
        <h2>Insert a template</h2>
        <div className="picker">
          <ul className="picker-list">
            {templates.map((t) => (
              <li key={t.id}>
                <button type="button" className={t.id === selected.id ? 'selected' : ''} onClick={() => setSelected(t)} data-testid={`template-${t.id}`}>
                  <strong>{t.title}</strong>
                  <span className="muted">{t.kind === 'retro' ? 'Retro' : 'Method'}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="picker-detail">
            <TemplatePreview template={selected} options={clean} />
            <p>{selected.description}</p>
            <TemplateOptionsForm template={selected} value={options} onChange={setOptions} />
          </div>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" onClick={() => onInsert(selected, clean)}>
            Insert {selected.title}
          </button>
        </div>
      </div>
    </div>
  );
}
