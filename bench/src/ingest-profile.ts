// What the create path spends its CPU on: a run of the server under --cpu-prof, summarised as the
// share of samples spent inside each package (a sample counts for every package on its stack);
// and the ceiling of any Node HTTP server on this machine: a bare node:http server answering the
// same request with a fixed body, in its own process, under the same load.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from './load-generator.js';
import { freePort } from './server-cli.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface PackageShare {
  name: string;
  percent: number;
}

/** The package a frame belongs to; undefined for the profile's root, which is on every stack. */
function packageOf(frame: ProfileNode['callFrame']): string | undefined {
  if (frame.functionName === '(root)') return undefined;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url) ?? /(apps\/[^/]+|packages\/[^/]+)/.exec(frame.url);
  if (m?.[1] !== undefined) return m[1];
  if (frame.url.startsWith('node:')) return 'node (core)';
  // (idle), (garbage collector), (program), or a native function such as writev.
  return frame.url === '' ? frame.functionName : 'other';
}

/** Reads the one .cpuprofile in `dir`: inclusive share of samples per package, largest first. */
export function summariseProfile(dir: string, top = 14): PackageShare[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) return [];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const weight = new Map<number, number>();
  profile.samples.forEach((id, i) => weight.set(id, (weight.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, w] of weight) {
    total += w;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (node === undefined) break;
      const name = packageOf(node.callFrame);
      if (name !== undefined && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + w);
      }
    }
  }
  return [...inclusive.entries()]
    .map(([name, w]) => ({ name, percent: (100 * w) / total }))
    .sort((a, b) => b.percent - a.percent)
    .slice(0, top);
}

export function profileDir(dataDir: string): string {
  const dir = join(dataDir, 'profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const BARE_SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString());
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: 'x', project_id: body.project_id }));
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('up\\n'));`;

// The same answer through Express 5 and its JSON body parser: the framework alone, without the
// request validator, auth, logging or a database.
const EXPRESS_SERVER = `
const express = require('express');
const app = express();
app.use(express.json());
app.post('/', (req, res) => res.json({ id: 'x', project_id: req.body.project_id }));
app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('up\\n'));`;

export type CeilingServer = 'node:http' | 'express';

/** req/s of a minimal server (no validation, no database) answering `body` at `concurrency`. */
export async function httpCeiling(kind: CeilingServer, body: string, concurrency: number, requests: number): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', kind === 'express' ? EXPRESS_SERVER : BARE_SERVER], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    if (child.stdout === null) throw new Error('no stdout');
    await once(child.stdout, 'data');
    const run = await runLoad({
      url: `http://127.0.0.1:${port}/`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: concurrency,
      amount: requests,
    });
    return run.acknowledgedPerSecond;
  } finally {
    child.kill('SIGTERM');
  }
}
