import { useEffect, useRef, type KeyboardEvent } from 'react';

/**
 * A modal dialog's keyboard contract: it takes the focus when it opens, Escape closes it (the key
 * goes no further — the canvas does not see it), and the focus goes back to the control that
 * opened it, when that control is still on screen. Spread the result on the dialog element.
 */
export function useDialog(onClose: () => void, onEscape?: () => boolean) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    ref.current?.focus({ preventScroll: true });
    return () => {
      if (opener?.isConnected && opener.getClientRects().length > 0) opener.focus({ preventScroll: true });
    };
  }, []);
  return {
    ref,
    tabIndex: -1,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      e.stopPropagation();
      // Something inside (a confirmation) may take the Escape first.
      if (onEscape?.()) return;
      onClose();
    },
  };
}
