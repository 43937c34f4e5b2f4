// `feedback-server keys create | list | revoke | rotate`: the operator's side of key management.
// A new key is printed once on stdout alone (so `$(feedback-server keys create …)` captures just
// the key); everything else goes to stderr. Exit 0 done, 1 nothing to act on, 2 bad arguments.
import { parseArgs } from 'node:util';
import { DEFAULT_KEY_SCOPES, isValidProjectPattern, KEY_SCOPES, parseKeyScopes } from '@feedback/semantics';
import type { Config } from '../env.js';
import { migrate } from '../storage/migrate.js';
import { openDb } from '../storage/open.js';
import type { Db } from '../storage/db.js';
import { parseDurationMs, parseExpiry } from './key-expiry.js';
import { generateKey } from './key-hash.js';
import { insertKey, listKeys, revokeKey, rotateKey, type KeyListing } from './key-admin.js';

export const KEYS_USAGE = `usage: feedback-server keys create --user U --projects "entity/*,other/proj" [--scopes ingest,read,backfill] [--expires 30d|2030-01-01T00:00:00Z] [--label L]
       feedback-server keys list [--json]
       feedback-server keys revoke ID
       feedback-server keys rotate ID [--grace 1h]`;

const KEY_ID = /^[0-9a-f]{12}$/;

class UsageError extends Error {}

async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDb(config);
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function create(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { user: { type: 'string' }, projects: { type: 'string' }, label: { type: 'string' }, scopes: { type: 'string' }, expires: { type: 'string' } },
  });
  const projects = (values.projects ?? '').split(',').map((p) => p.trim()).filter((p) => p.length > 0);
  if (values.user === undefined || values.user === '' || projects.length === 0) throw new UsageError('keys create needs --user and --projects');
  const bad = projects.filter((p) => !isValidProjectPattern(p));
  if (bad.length > 0) throw new UsageError(`not a project pattern (entity/project or entity/*): ${bad.join(', ')}`);
  const scopes = values.scopes === undefined ? [...DEFAULT_KEY_SCOPES] : parseKeyScopes(values.scopes.split(',').map((s) => s.trim()));
  if (scopes === undefined) throw new UsageError(`--scopes must list one or more of ${KEY_SCOPES.join(', ')}`);
  const expiresAtMs = values.expires === undefined ? undefined : parseExpiry(values.expires, Date.now());
  if (values.expires !== undefined && expiresAtMs === undefined) {
    throw new UsageError('--expires must be a duration (30d, 12h, 90m) or a future instant with an offset (2030-01-01T00:00:00Z)');
  }
  const key = generateKey();
  const keyId = await withDb(config, (db) =>
    insertKey(db, { key, userId: values.user ?? '', projects, scopes, label: values.label ?? '', ...(expiresAtMs === undefined ? {} : { expiresAtMs }) }),
  );
  process.stdout.write(`${key}\n`);
  const until = expiresAtMs === undefined ? '' : `, until ${new Date(expiresAtMs).toISOString()}`;
  process.stderr.write(
    `created key ${keyId} for user ${values.user} on ${projects.join(', ')} (scopes ${scopes.join(', ')}${until}); ` +
      'it is not stored and will not be shown again\n',
  );
  return 0;
}

function table(rows: KeyListing[]): string {
  const header = ['id', 'user', 'projects', 'scopes', 'created', 'expires', 'last used', 'revoked', 'label'];
  const cells = rows.map((r) => [
    r.keyId,
    r.userId,
    r.projects.join(','),
    r.scopes.join(','),
    r.createdAt,
    r.expiresAt ?? '-',
    r.lastUsedAt ?? '-',
    r.revokedAt === null ? '-' : r.replacedBy === null ? r.revokedAt : `${r.revokedAt} (rotated to ${r.replacedBy})`,
    r.label,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  return [header, ...cells].map((line) => line.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

async function list(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  const rows = await withDb(config, listKeys);
  process.stdout.write(values.json === true ? `${JSON.stringify(rows)}\n` : `${table(rows)}\n`);
  return 0;
}

function keyIdArgument(positionals: string[], command: string): string {
  const id = positionals[0];
  if (id === undefined || positionals.length > 1 || !KEY_ID.test(id)) throw new UsageError(`keys ${command} needs one key id (12 hex digits, as keys list shows)`);
  return id;
}

async function revoke(args: string[], config: Config): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const keyId = keyIdArgument(positionals, 'revoke');
  const done = await withDb(config, (db) => revokeKey(db, keyId));
  process.stderr.write(done ? `revoked key ${keyId}; running servers refuse it from now on\n` : `no key ${keyId} that is not revoked already\n`);
  return done ? 0 : 1;
}

async function rotate(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { grace: { type: 'string' } } });
  const keyId = keyIdArgument(positionals, 'rotate');
  const graceMs = values.grace === undefined ? 0 : parseDurationMs(values.grace);
  if (graceMs === undefined) throw new UsageError('--grace must be a duration (90m, 12h, 7d)');
  const res = await withDb(config, (db) => rotateKey(db, keyId, graceMs));
  if (res.status !== 'rotated') {
    process.stderr.write(res.status === 'revoked' ? `key ${keyId} is revoked; create a new one instead\n` : `no key ${keyId}\n`);
    return 1;
  }
  process.stdout.write(`${res.key}\n`);
  process.stderr.write(
    `created key ${res.keyId} to replace ${keyId}, with the same user, projects and scopes; ` +
      (graceMs > 0 ? `${keyId} keeps working for ${values.grace ?? ''}` : `${keyId} is revoked`) +
      '; the new key will not be shown again\n',
  );
  return 0;
}

export async function keysCommand(argv: string[], config: Config): Promise<number> {
  const [sub, ...args] = argv;
  try {
    switch (sub) {
      case 'create':
        return await create(args, config);
      case 'list':
        return await list(args, config);
      case 'revoke':
        return await revoke(args, config);
      case 'rotate':
        return await rotate(args, config);
      default:
        throw new UsageError(sub === undefined ? 'keys needs a subcommand' : `unknown keys subcommand: ${sub}`);
    }
  } catch (err) {
    // parseArgs refuses unknown or malformed options with a TypeError carrying a code.
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${err.message}\n${KEYS_USAGE}\n`);
      return 2;
    }
    throw err;
  }
}
