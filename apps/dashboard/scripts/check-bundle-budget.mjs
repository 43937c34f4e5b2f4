// Fails the build when the app's JavaScript, gzipped, exceeds the budget. Every .js file the
// build wrote counts (the demo code is not in a production build at all).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 300 * 1000;
const dir = process.argv[2] ?? 'dist';

function jsFiles(root) {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

const sizes = jsFiles(dir).map((file) => ({ file: relative(dir, file), gzip: gzipSync(readFileSync(file), { level: 9 }).length }));
const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${(s.gzip / 1000).toFixed(1).padStart(7)} kB  ${s.file}`);
const verdict = `JS bundle: ${(total / 1000).toFixed(1)} kB gzipped (budget ${BUDGET_BYTES / 1000} kB)`;
if (sizes.length === 0) {
  console.error(`No .js files under ${dir}: run vite build first`);
  process.exit(1);
}
if (total > BUDGET_BYTES) {
  console.error(`${verdict}: over budget`);
  process.exit(1);
}
console.log(verdict);
