// "Now" for a view: fixed while the user reads, moved on by auto-refresh or the refresh button.
import { useCallback, useEffect, useState } from 'react';

export function useNow(refreshSeconds: number): [number, () => void] {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (refreshSeconds <= 0) return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), refreshSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [refreshSeconds]);
  const refresh = useCallback(() => setNow(Date.now()), []);
  return [now, refresh];
}
