// Project ids and the project patterns an API key grants.
import { validationError } from '../errors.js';

/**
 * `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]` (W&B's own
 * limit on a project name is 128 characters). The same pattern as openapi.json's `project_id`.
 */
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9_.-]{1,128}\/[A-Za-z0-9_.-]{1,128}$/;

/**
 * A granted pattern: an exact project id, `entity/*` for every project of the entity, or
 * ALL_PROJECTS for every project (the development key `serve` creates on an unconfigured machine).
 */
export const ALL_PROJECTS = '*/*';
const PROJECT_PATTERN_PATTERN = /^(?:[A-Za-z0-9_.-]+\/(?:[A-Za-z0-9_.-]+|\*)|\*\/\*)$/;

export function isValidProjectId(projectId: string): boolean {
  return PROJECT_ID_PATTERN.test(projectId);
}

export function isValidProjectPattern(pattern: string): boolean {
  return PROJECT_PATTERN_PATTERN.test(pattern);
}

/**
 * Whether a granted `pattern` covers `projectId`. An invalid pattern or project id never
 * matches, so a typo in a key's grants denies access rather than widening it.
 */
export function projectPatternMatches(pattern: string, projectId: string): boolean {
  if (!isValidProjectPattern(pattern) || !isValidProjectId(projectId)) return false;
  if (pattern === ALL_PROJECTS) return true;
  if (pattern.endsWith('/*')) return projectId.startsWith(pattern.slice(0, -1));
  return pattern === projectId;
}

/** The 422 for a malformed `project_id`, worded like FastAPI's pattern error. */
export function assertProjectId(projectId: string): void {
  if (!isValidProjectId(projectId)) {
    throw validationError(
      ['project_id'],
      `String should match pattern '${PROJECT_ID_PATTERN.source.replaceAll('\\/', '/')}'`,
      'string_pattern_mismatch',
    );
  }
}
