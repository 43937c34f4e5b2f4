// "Add a panel": a json_path (suggested from the project's payload paths) and its value type.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { PathSuggestion } from '../shaping/panel-suggestions.js';
import type { PanelChoice, PanelKind } from '../shaping/view-state.js';

const KINDS: PanelKind[] = ['numeric', 'boolean', 'categorical'];
const PATH_RE = /^[A-Za-z0-9_ ]+(\.[A-Za-z0-9_ ]+)*$/;

export function AddPanel({ suggestions, existing, onAdd }: { suggestions: PathSuggestion[]; existing: PanelChoice[]; onAdd: (p: PanelChoice) => void }): ReactNode {
  const [path, setPath] = useState('');
  const [kind, setKind] = useState<PanelKind | 'auto'>('auto');
  const [problem, setProblem] = useState<string | null>(null);
  const suggested = suggestions.find((s) => s.path === path.trim());

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = path.trim();
    if (!PATH_RE.test(p)) return setProblem('A json_path is dot-separated keys of letters, digits, "_" and spaces, e.g. output.score.');
    if (existing.some((x) => x.path === p)) return setProblem(`${p} already has a panel.`);
    setProblem(null);
    onAdd({ path: p, kind: kind === 'auto' ? (suggested?.kind ?? 'numeric') : kind });
    setPath('');
    setKind('auto');
  };

  return (
    <form className="add-panel" onSubmit={submit} aria-label="Add a panel">
      <label>
        json_path
        <input data-testid="metric-path-input" list="payload-paths" value={path} onChange={(e) => setPath(e.target.value)} placeholder="output.score" autoComplete="off" aria-describedby="add-panel-problem" />
      </label>
      <datalist id="payload-paths">
        {suggestions.map((s) => (
          <option key={s.path} value={s.path}>
            {`${s.kind}, in ${s.count} rows`}
          </option>
        ))}
      </datalist>
      <label>
        type
        <select data-testid="metric-type-select" value={kind} onChange={(e) => setKind(e.target.value as PanelKind | 'auto')}>
          <option value="auto">auto{suggested ? ` (${suggested.kind})` : ''}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" data-testid="metric-add">
        Add panel
      </button>
      <p id="add-panel-problem" className="field-problem" role="status">
        {problem}
      </p>
    </form>
  );
}
