import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

/** One tab of the dock. */
export interface DockTab {
  id: string;
  label: string;
  /** Something to notice on the tab while another is shown, e.g. "●" for an open vote. */
  badge?: string | null;
  render: () => ReactNode;
}

/** The dock's state: open or collapsed, which tab, and the button that opens it (focus returns there). */
export interface DockState {
  open: boolean;
  tab: string;
  toggle: () => void;
  show: (tab: string) => void;
  close: () => void;
  button: RefObject<HTMLButtonElement | null>;
  /** Set when the dock button opened it: the focus moves into the dock (to the shown tab), so Escape works at once. */
  focusOnOpen: RefObject<boolean>;
}

/** Narrow screens (phones) start with the dock collapsed: the canvas comes first. */
const NARROW = '(max-width: 700px)';

export function useDock(firstTab: string): DockState {
  const [open, setOpen] = useState(() => typeof window === 'undefined' || !window.matchMedia?.(NARROW).matches);
  const [tab, setTab] = useState(firstTab);
  const button = useRef<HTMLButtonElement>(null);
  const focusOnOpen = useRef(false);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus({ preventScroll: true });
  }, []);
  return {
    open,
    tab,
    toggle: () => {
      if (open) return close();
      focusOnOpen.current = true;
      setOpen(true);
    },
    show: (next) => {
      setTab(next);
      setOpen(true);
    },
    close,
    button,
    focusOnOpen,
  };
}

/**
 * The one place for a board's tools: a sidebar beside the canvas (a sheet over the lower half on a
 * phone) with a row of tabs — the facilitator runs the session from it, participants see the step,
 * the timer, their votes and "I'm done". Tabs never overlap: one shows at a time. Escape collapses
 * the dock and gives the focus back to the button that opens it (which moves the focus into the dock
 * when it opens it); arrow keys move between tabs.
 */
export function Dock({ state, tabs }: { state: DockState; tabs: DockTab[] }) {
  // A tab that is not there (a role's tabs differ) shows the first.
  const active = tabs.find((t) => t.id === state.tab) ?? tabs[0];
  const tabButtons = useRef(new Map<string, HTMLButtonElement>());
  const { open, focusOnOpen } = state;
  useEffect(() => {
    if (!open || !focusOnOpen.current) return;
    focusOnOpen.current = false;
    if (active) tabButtons.current.get(active.id)?.focus({ preventScroll: true });
  }, [open, focusOnOpen, active]);
  if (!state.open || !active) return null;
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = tabs[(index + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    state.show(next.id);
    tabButtons.current.get(next.id)?.focus();
  };
  return (
    <aside
      className="dock"
      aria-label="Board tools"
      data-testid="dock"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.stopPropagation();
        state.close();
      }}
    >
      <div className="dock-head">
        <div className="dock-tabs" role="tablist" aria-label="Board tools">
          {tabs.map((t, i) => (
            <button
              type="button"
              key={t.id}
              ref={(el) => void (el ? tabButtons.current.set(t.id, el) : tabButtons.current.delete(t.id))}
              role="tab"
              id={`dock-tab-${t.id}`}
              aria-selected={t.id === active.id}
              aria-controls={`dock-panel-${t.id}`}
              tabIndex={t.id === active.id ? 0 : -1}
              className="dock-tab"
              data-testid={`dock-tab-${t.id}`}
              onClick={() => state.show(t.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {t.label}
              {t.badge && t.id !== active.id && <span className="dock-badge"> {t.badge}</span>}
            </button>
          ))}
        </div>
        <button type="button" className="dock-close" onClick={state.close} aria-label="Hide the board tools" title="Hide (Esc)">
          ×
        </button>
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel is focusable so the keyboard reaches it from its tab (WAI-ARIA tabs pattern). */}
      <div className="dock-panel" role="tabpanel" id={`dock-panel-${active.id}`} aria-labelledby={`dock-tab-${active.id}`} tabIndex={0}>
        {active.render()}
      </div>
    </aside>
  );
}

/** A titled section of a dock tab (what used to be a floating panel of its own). */
export function DockSection({ title, label, testId, className, children }: { title?: string; label: string; testId: string; className?: string; children: ReactNode }) {
  return (
    <section className={`dock-section${className ? ` ${className}` : ''}`} aria-label={label} data-testid={testId}>
      {title && <h2>{title}</h2>}
      {children}
    </section>
  );
}
