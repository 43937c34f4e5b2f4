// The package must run under setupWorker in a browser: its sources may use web APIs only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('browser safety', () => {
  const files = sourceFiles(SRC.pathname);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports no Node built-ins and uses no Node globals', () => {
    for (const file of files) {
      // Code only: comments may name Node APIs to explain what is mimicked.
      const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(text, file).not.toMatch(/from ['"](node:|fs|path|crypto|buffer|util|zlib)['"/]/);
      expect(text, file).not.toMatch(/\b(Buffer|process|require)\s*[.(]/);
      expect(text, file).not.toMatch(/from ['"]msw\/node['"]/);
    }
  });
});
