// Replays one contract case on one target. Every response, of every step, must validate against
// openapi.json for its operation and status; stateful targets are held to the expected bodies
// too, Prism only to the status and the shape (and, when it refuses a request, to naming the
// violations in `sl-violations`).
import { expect } from 'vitest';
import type { CaseStep, ContractCase, DetailEntry } from '../cases/contract-case.js';
import { apiKeyOrder } from '../support/api-key-order.js';
import { bodyDifferences } from '../support/compare-bodies.js';
import { sendRaw, type RawResponse } from '../support/http.js';
import { basicAuth, KEYS } from '../support/keys.js';
import { responseViolations } from '../support/openapi-validator.js';
import { INITIAL_NOW_MS, type ContractTarget } from '../targets/target.js';

function authorizationOf(step: CaseStep): string | null {
  const { key, authorization } = step.request;
  if (authorization !== undefined) return authorization;
  if (key === null) return null;
  return basicAuth(KEYS[key ?? 'alice'].key);
}

function detailOf(body: unknown): DetailEntry[] {
  const detail = (body as { detail?: { loc: (string | number)[]; type: string }[] } | undefined)?.detail ?? [];
  return detail.map((d) => ({ loc: d.loc, type: d.type }));
}

function describeResponse(res: RawResponse): string {
  return `${res.status} ${res.text.slice(0, 600)}`;
}

function checkStep(target: ContractTarget, step: CaseStep, res: RawResponse, label: string): void {
  const where = `${label} on ${target.name}`;
  const exp = step.expect;
  expect(res.status, `${where}: status (${describeResponse(res)})`).toBe(exp.status);
  expect(res.headers.get('content-type') ?? '', `${where}: content-type`).toMatch(/^application\/json/);
  expect(responseViolations('post', step.request.path, res.status, res.body), `${where}: response vs openapi.json`).toEqual([]);
  for (const [name, pattern] of Object.entries(exp.headers ?? {})) {
    expect(res.headers.get(name) ?? '', `${where}: header ${name}`).toMatch(pattern);
  }
  if (target.kind === 'shape') {
    if (res.status === 422) {
      const violations: unknown = JSON.parse(res.headers.get('sl-violations') ?? '[]');
      expect(Array.isArray(violations) && violations.length > 0, `${where}: sl-violations lists what is wrong`).toBe(true);
    }
    return;
  }
  if (exp.body !== undefined) expect(bodyDifferences(res.body, exp.body, { keyOrder: apiKeyOrder }), `${where}: body`).toEqual([]);
  if (exp.detail !== undefined) {
    const actual = detailOf(res.body);
    expect(actual, `${where}: 422 detail (loc, type)`).toHaveLength(exp.detail.length);
    for (const entry of exp.detail) expect(actual, `${where}: 422 detail (loc, type)`).toContainEqual(entry);
  }
  if (exp.errorType !== undefined) {
    expect((res.body as { error_type?: unknown } | undefined)?.error_type, `${where}: error_type`).toBe(exp.errorType);
  }
  exp.check?.(res.body);
}

async function runStep(target: ContractTarget, step: CaseStep, label: string): Promise<void> {
  if (step.now !== undefined && target.kind === 'stateful') target.setNow(Date.parse(step.now));
  const res = await sendRaw(target.baseUrl, {
    path: step.request.path,
    body: step.request.body,
    ...(step.request.rawBody === undefined ? {} : { rawBody: step.request.rawBody }),
    ...(step.request.contentType === undefined ? {} : { contentType: step.request.contentType }),
    ...(step.request.contentEncoding === undefined ? {} : { contentEncoding: step.request.contentEncoding }),
    ...(step.request.bytes === undefined ? {} : { bytes: step.request.bytes }),
    authorization: authorizationOf(step),
  });
  checkStep(target, step, res, label);
}

export async function runCase(target: ContractTarget, c: ContractCase): Promise<void> {
  if (target.kind === 'stateful') {
    // Every case starts from a known clock, whatever the case before it set.
    target.setNow(c.now === undefined ? INITIAL_NOW_MS : Date.parse(c.now));
    if (c.seed !== undefined) await target.seed(c.seed);
  }
  const main: CaseStep = { request: c.request, expect: c.expect, ...(c.requestNow === undefined ? {} : { now: c.requestNow }) };
  const steps = [...(c.before ?? []), main];
  for (const [i, step] of steps.entries()) {
    await runStep(target, step, i === steps.length - 1 ? c.name : `${c.name} (step ${i + 1})`);
  }
}
