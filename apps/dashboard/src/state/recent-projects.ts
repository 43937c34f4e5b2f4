// Recently opened project ids, newest first, kept in localStorage (ids are not secrets).
const KEY = 'feedback-dashboard.recent-projects';
const MAX = 8;

export function recentProjects(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, MAX) : [];
  } catch {
    return [];
  }
}

export function rememberProject(project: string): void {
  try {
    const next = [project, ...recentProjects().filter((p) => p !== project)].slice(0, MAX);
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the list is a convenience.
  }
}
