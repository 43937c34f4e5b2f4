import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { assertProjectId, isValidProjectId, isValidProjectPattern, projectPatternMatches } from './project.js';

describe('project ids', () => {
  it.each(['acme/support-bot', 'a/b', 'A_1.x/y-2.z', '../..'])('accepts %s', (id) => {
    expect(isValidProjectId(id)).toBe(true);
  });

  it.each(['acme', 'acme/', '/bot', 'a/b/c', 'a b/c', 'a/b*', 'a/*', 'é/b', 'a/b\n'])('refuses %j', (id) => {
    expect(isValidProjectId(id)).toBe(false);
  });

  it('assertProjectId throws a FastAPI-shaped 422 at body.project_id', () => {
    try {
      assertProjectId('no-slash');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      const e = err as ApiError;
      expect(e.status).toBe(422);
      expect(e.detail).toEqual([
        {
          loc: ['body', 'project_id'],
          msg: "String should match pattern '^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$'",
          type: 'string_pattern_mismatch',
        },
      ]);
    }
    expect(() => assertProjectId('acme/bot')).not.toThrow();
  });

  it('allows parts of 1 to 128 characters', () => {
    expect(isValidProjectId(`${'e'.repeat(128)}/${'p'.repeat(128)}`)).toBe(true);
    expect(isValidProjectId(`${'e'.repeat(129)}/p`)).toBe(false);
    expect(isValidProjectId(`e/${'p'.repeat(129)}`)).toBe(false);
  });
});

describe('project patterns', () => {
  it('validates patterns', () => {
    expect(isValidProjectPattern('acme/bot')).toBe(true);
    expect(isValidProjectPattern('acme/*')).toBe(true);
    expect(isValidProjectPattern('acme/b*')).toBe(false);
    expect(isValidProjectPattern('acme')).toBe(false);
  });

  it('matches exactly or every project of an entity', () => {
    expect(projectPatternMatches('acme/bot', 'acme/bot')).toBe(true);
    expect(projectPatternMatches('acme/bot', 'acme/bot2')).toBe(false);
    expect(projectPatternMatches('acme/*', 'acme/bot')).toBe(true);
    expect(projectPatternMatches('acme/*', 'acme2/bot')).toBe(false);
    expect(projectPatternMatches('acme/*', 'acm/bot')).toBe(false);
  });

  it('never matches with an invalid pattern or project id', () => {
    expect(projectPatternMatches('acme/*', 'acme/a/b')).toBe(false);
    expect(projectPatternMatches('acme/*', 'acme/')).toBe(false);
  });
});

describe('the all-projects pattern', () => {
  it('*/* grants every valid project and nothing invalid', () => {
    expect(isValidProjectPattern('*/*')).toBe(true);
    expect(projectPatternMatches('*/*', 'acme/bot')).toBe(true);
    expect(projectPatternMatches('*/*', 'not-a-project')).toBe(false);
    expect(isValidProjectPattern('*/proj')).toBe(false);
  });
});
