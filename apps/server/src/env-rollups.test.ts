import { describe, expect, it } from 'vitest';
import { readConfig } from './env.js';
import { ConfigError } from './env-parsers.js';

describe('FEEDBACK_ROLLUPS', () => {
  it('is on by default, and takes on or off in any case', () => {
    expect(readConfig({}).rollups).toBe(true);
    expect(readConfig({ FEEDBACK_ROLLUPS: '' }).rollups).toBe(true);
    expect(readConfig({ FEEDBACK_ROLLUPS: 'off' }).rollups).toBe(false);
    expect(readConfig({ FEEDBACK_ROLLUPS: 'OFF' }).rollups).toBe(false);
    expect(readConfig({ FEEDBACK_ROLLUPS: 'On' }).rollups).toBe(true);
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => readConfig({ FEEDBACK_ROLLUPS: 'false' })).toThrow(ConfigError);
    expect(() => readConfig({ FEEDBACK_ROLLUPS: 'yes' })).toThrow('FEEDBACK_ROLLUPS must be on or off, got "yes"');
  });
});
