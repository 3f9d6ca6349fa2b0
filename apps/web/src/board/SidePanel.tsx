import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

/** A panel's open state and the button that toggles it (focus returns there when the panel closes). */
export interface PanelToggle {
  open: boolean;
  setOpen: (open: boolean) => void;
  toggle: () => void;
  close: () => void;
  button: RefObject<HTMLButtonElement | null>;
}

export function usePanelToggle(initial = false): PanelToggle {
  const [open, setOpen] = useState(initial);
  const button = useRef<HTMLButtonElement>(null);
  return { open, setOpen, toggle: () => setOpen((v) => !v), close: () => setOpen(false), button };
}

/** The top-bar button of a panel: pressed while the panel is open. */
export function PanelButton({ panel, label, testId }: { panel: PanelToggle; label: string; testId?: string }) {
  return (
    <button ref={panel.button} className="button small" aria-pressed={panel.open} onClick={panel.toggle} data-testid={testId}>
      {label}
    </button>
  );
}

/**
 * A floating panel over the board (agenda, people, decisions, facilitation): a titled `<aside>`
 * with a close button. Opened from its button, it takes the focus, so Escape closes it at once;
 * closing it while the focus is inside gives the focus back to that button.
 */
export function SidePanel(props: {
  title: string;
  /** The panel's accessible name. */
  label: string;
  closeLabel: string;
  /** Where it floats: `agenda` (left), `side-panel` (right), `facilitator` (bottom right), plus its own class. */
  className: string;
  testId: string;
  /** The button that opened the panel. */
  opener?: RefObject<HTMLButtonElement | null>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { opener, onClose } = props;
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const panel = ref.current;
    const button = opener?.current ?? null;
    if (panel && button && document.activeElement === button) panel.focus({ preventScroll: true });
    return () => {
      const active = document.activeElement;
      if (button?.isConnected && (!active || active === document.body || panel?.contains(active))) button.focus({ preventScroll: true });
    };
  }, [opener]);
  return (
    <aside
      ref={ref}
      className={`panel ${props.className}`}
      aria-label={props.label}
      data-testid={props.testId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.stopPropagation();
        onClose();
      }}
    >
      <header className="panel-header">
        <h2>{props.title}</h2>
        <button className="button small" onClick={onClose} aria-label={props.closeLabel}>
          ×
        </button>
      </header>
      {props.children}
    </aside>
  );
}
