#!/usr/bin/env node
// The `feedback` command. npm links a workspace's bin when it installs, before anything is built,
// and makes no link to a file that does not exist yet: so the bin is this committed file, which
// runs the compiled CLI, or says how to build it when the build is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);

if (!existsSync(cli)) {
  process.stderr.write(
    `feedback is not built yet: ${fileURLToPath(cli)} does not exist.\n` +
      'Build it first, from the repository root: npm run build\n',
  );
  process.exitCode = 1;
} else {
  try {
    await import(cli.href);
  } catch (err) {
    if (!(err instanceof Error && 'code' in err && err.code === 'ERR_MODULE_NOT_FOUND')) throw err;
    // Most often a workspace dependency's dist/ (the same missing build, one package over).
    process.stderr.write(
      `feedback could not load its code: ${err.message}\n` +
        'Build it from the repository root (npm run build), or reinstall (npm ci) if a package is missing.\n',
    );
    process.exitCode = 1;
  }
}
