// Who may read which project, and how a request is named in logs: shared by the server and the
// fake so a 403 and an echoed X-Request-Id are the same on both.
import { ApiError } from '../errors.js';
import { projectPatternMatches } from '../rules/project.js';

/** 403 unless one of the granted patterns covers `projectId`; says nothing about its data. */
export function assertProjectGranted(grantedPatterns: readonly string[], projectId: string): void {
  if (!grantedPatterns.some((p) => projectPatternMatches(p, projectId))) {
    throw new ApiError('forbidden', `This key does not grant access to project ${projectId}`);
  }
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A well-formed incoming X-Request-Id is kept (callers can correlate); anything else is replaced. */
export function requestIdFor(incoming: string | null | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : globalThis.crypto.randomUUID();
}
