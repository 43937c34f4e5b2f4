import { describe, expect, it } from 'vitest';
import { sessionStartupOptions, withSessionOptions } from './session-settings.js';

const optionsOf = (url: string) => new URL(url).searchParams.get('options');

describe('withSessionOptions', () => {
  it('adds the settings to a URL without options, keeping its other parameters', () => {
    const url = withSessionOptions('postgres://u:p@db.example:5432/app?sslmode=require');
    expect(optionsOf(url)).toBe(sessionStartupOptions());
    expect(new URL(url).searchParams.get('sslmode')).toBe('require');
    expect(new URL(url).password).toBe('p');
  });

  it("keeps the URL's own options, after the settings, so an operator's value wins", () => {
    const url = withSessionOptions('postgres://db.example/app?options=-c%20search_path%3Dfeedback%20-c%20work_mem%3D256MB');
    expect(optionsOf(url)).toBe(`${sessionStartupOptions()} -c search_path=feedback -c work_mem=256MB`);
  });

  it('leaves a string that is not a URL alone', () => {
    expect(withSessionOptions('not a url')).toBe('not a url');
  });
});
