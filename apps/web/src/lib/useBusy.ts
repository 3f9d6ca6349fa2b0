import { useState } from 'react';

/**
 * One action at a time behind a label ("png", "restore"…): `busy` names the action in flight (to
 * disable its button), `error` says why the last one failed, in the words `describe` gives it.
 */
export function useBusy(describe: (err: unknown, label: string) => string) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (label: string, work: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(describe(err, label));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, setError, run };
}
