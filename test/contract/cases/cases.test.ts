// The case list itself: names are unique (they name the tests), and cases that store rows do so
// in a project no other case touches, so the shared target of one test file stays sound
// whatever order the cases run in.
import { describe, expect, it } from 'vitest';
import { contractCases, type ContractCase } from './index.js';

function projectsOf(c: ContractCase): Set<string> {
  const out = new Set<string>();
  for (const row of c.seed ?? []) out.add(row.project_id);
  for (const step of [...(c.before ?? []), { request: c.request, expect: c.expect }]) {
    const body = step.request.body as { project_id?: unknown } | undefined;
    const stores = (step.request.path === '/feedback/create' || step.request.path === '/feedback/batch/create') && step.expect.status === 200;
    if (stores && typeof body?.project_id === 'string') out.add(body.project_id);
    const batch = (step.request.body as { batch?: unknown } | undefined)?.batch;
    if (stores && Array.isArray(batch)) {
      for (const item of batch as { project_id?: unknown }[]) if (typeof item.project_id === 'string') out.add(item.project_id);
    }
  }
  return out;
}

describe('contract cases', () => {
  it('have unique names', () => {
    const names = contractCases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('write to projects of their own', () => {
    const owner = new Map<string, string>();
    for (const c of contractCases) {
      for (const project of projectsOf(c)) {
        expect(owner.get(project) ?? c.name, `project ${project}`).toBe(c.name);
        owner.set(project, c.name);
      }
    }
  });

  it('cover every target kind', () => {
    expect(contractCases.filter((c) => c.targets === 'all').length).toBeGreaterThan(5);
    expect(contractCases.filter((c) => c.targets === 'stateful').length).toBeGreaterThan(20);
  });
});
