import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

describe('generated types', () => {
  it('match openapi.json (fix with `npm run gen`)', () => {
    const run = () =>
      execFileSync(
        'npx',
        ['openapi-typescript', '../../openapi.json', '--default-non-nullable', 'false', '-o', 'src/generated/openapi.gen.ts', '--check'],
        { cwd: pkgDir, stdio: 'pipe', encoding: 'utf8' },
      );
    let failure = '';
    try {
      run();
    } catch (err) {
      failure = String((err as { stderr?: string }).stderr ?? err);
    }
    expect(failure, 'src/generated/openapi.gen.ts is stale: run `npm run gen` and commit the result').toBe('');
  }, 60_000);

  it('include openapi.json as a module (fix with `npm run gen`)', () => {
    let failure = '';
    try {
      execFileSync('node', ['scripts/gen-spec-module.mjs', '--check'], { cwd: pkgDir, stdio: 'pipe', encoding: 'utf8' });
    } catch (err) {
      failure = String((err as { stderr?: string }).stderr ?? err);
    }
    expect(failure, 'src/generated/spec.gen.ts is stale: run `npm run gen` and commit the result').toBe('');
  });
});
