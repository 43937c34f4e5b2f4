// The view lives in the URL: read from location.search, written with history.pushState (so Back
// undoes a change), and re-read when the user navigates.
import { useCallback, useEffect, useState } from 'react';
import { parseViewState, serializeViewState, type ViewState } from '../shaping/view-state.js';

export type ViewUpdate = Partial<ViewState> | ((v: ViewState) => Partial<ViewState>);

export function useViewState(): [ViewState, (update: ViewUpdate) => void] {
  const [view, setView] = useState(() => parseViewState(window.location.search));

  useEffect(() => {
    const onPop = () => setView(parseViewState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const update = useCallback((u: ViewUpdate) => {
    setView((current) => {
      const next = { ...current, ...(typeof u === 'function' ? u(current) : u) };
      const search = `?${serializeViewState(next)}`;
      if (search !== window.location.search) window.history.pushState(null, '', `${window.location.pathname}${search}`);
      return next;
    });
  }, []);

  return [view, update];
}
