// Choose a project: type its id or pick one opened before.
import { PROJECT_ID_PATTERN } from '@feedback/semantics';
import { useState, type FormEvent, type ReactNode } from 'react';
import { recentProjects } from '../state/recent-projects.js';

export function ProjectPicker({ current, onOpen }: { current: string; onOpen: (project: string) => void }): ReactNode {
  const [value, setValue] = useState(current);
  const [problem, setProblem] = useState<string | null>(null);
  const recent = recentProjects();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = value.trim();
    if (!PROJECT_ID_PATTERN.test(p)) {
      setProblem('A project id is entity/project: letters, digits, "_", "." and "-" on each side of one "/".');
      return;
    }
    setProblem(null);
    onOpen(p);
  };

  return (
    <div className="project-picker">
      <form data-testid="project-form" onSubmit={submit} className="inline-form">
        <label htmlFor="project-id">Project</label>
        <input id="project-id" data-testid="project-input" value={value} onChange={(e) => setValue(e.target.value)} placeholder="acme/support-bot" list="recent-projects" aria-describedby="project-problem" spellCheck={false} />
        <datalist id="recent-projects">
          {recent.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <button type="submit">Open</button>
        <span id="project-problem" className="field-problem" role="status">
          {problem}
        </span>
      </form>
      {recent.length > 0 ? (
        <nav aria-label="Recent projects" className="recent">
          <span>Recent:</span>
          {recent.map((p) => (
            <button key={p} type="button" className="link" data-testid="project-recent" data-project={p} aria-current={p === current ? 'page' : undefined} onClick={() => onOpen(p)}>
              {p}
            </button>
          ))}
        </nav>
      ) : null}
    </div>
  );
}
