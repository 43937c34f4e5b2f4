// Writes src/generated/spec.gen.ts: openapi.json as a typed module, so code that validates
// against the spec (the MSW fake, in Node or a browser) imports it without file-system access.
import { readFileSync, writeFileSync } from 'node:fs';

const specPath = new URL('../../../openapi.json', import.meta.url);
const outPath = new URL('../src/generated/spec.gen.ts', import.meta.url);

export function renderSpecModule() {
  const spec = JSON.parse(readFileSync(specPath, 'utf8'));
  return [
    '/**',
    ' * This file was generated from openapi.json by scripts/gen-spec-module.mjs.',
    ' * Do not make direct changes to the file: run `npm run gen`.',
    ' */',
    '',
    `export const openapiSpec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
  ].join('\n');
}

if (process.argv[2] === '--check') {
  let current = '';
  try {
    current = readFileSync(outPath, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== renderSpecModule()) {
    console.error('src/generated/spec.gen.ts is stale: run `npm run gen`');
    process.exit(1);
  }
} else {
  writeFileSync(outPath, renderSpecModule());
}
