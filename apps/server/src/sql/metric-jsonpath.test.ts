import { describe, expect, it } from 'vitest';
import { metricJsonPath } from './metric-jsonpath.js';

describe('metricJsonPath', () => {
  it('walks each segment as a quoted object key in strict mode, filtered by the value type', () => {
    expect(metricJsonPath(['output', 'score'], 'numeric')).toBe('strict $."output"."score" ? (@.type() == "number")');
    expect(metricJsonPath(['ok'], 'boolean')).toBe('strict $."ok" ? (@.type() == "boolean")');
    expect(metricJsonPath(['a b', '1'], 'categorical')).toBe(
      'strict $."a b"."1" ? (@.type() == "string" || @.type() == "number" || @.type() == "boolean")',
    );
  });

  it('escapes quotes and backslashes, so a key can never end the string early', () => {
    expect(metricJsonPath(['x" || true || "', 'back\\slash'], 'numeric')).toBe(
      'strict $."x\\" || true || \\""."back\\\\slash" ? (@.type() == "number")',
    );
  });
});
