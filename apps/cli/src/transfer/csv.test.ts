import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.js';

describe('csv', () => {
  it('quotes only what needs it, doubling quotes, and writes JSON columns as JSON text', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell({ output: { score: 0.5 } })).toBe('"{""output"":{""score"":0.5}}"');
    expect(csvCell(['a'])).toBe('"[""a""]"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvLine(['id', 1, true])).toBe('id,1,true\r\n');
  });
});
