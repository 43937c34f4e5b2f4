import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// openapi.json at the repository root is the single source; src/ and dist/ sit at the same depth.
const SPEC_URL = new URL('../../../openapi.json', import.meta.url);

export function loadSpec(): object {
  return JSON.parse(readFileSync(fileURLToPath(SPEC_URL), 'utf8')) as object;
}
