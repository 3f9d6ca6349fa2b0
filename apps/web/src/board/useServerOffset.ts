import { useEffect, useState } from 'react';
import { measureServerOffset } from './clock.ts';

/** This browser's offset from the server clock (ms), measured once on mount; 0 until then. */
export function useServerOffset(): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    void measureServerOffset().then(setOffset);
  }, []);
  return offset;
}
