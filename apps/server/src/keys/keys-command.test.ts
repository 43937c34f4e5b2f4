// The keys command's argument rules, in process: refusals exit 2 before any storage is opened.
// (test/keys-cli.test.ts runs the real processes.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../env.js';
import { parseDurationMs, parseExpiry } from './key-expiry.js';
import { keysCommand } from './keys-command.js';

const config = readConfig({ FEEDBACK_DATA_DIR: 'memory://' });

function captureOutput(): { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  return { stdout: () => out, stderr: () => err };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseDurationMs and parseExpiry', () => {
  it('reads minutes, hours and days, and future instants with an offset', () => {
    expect(parseDurationMs('90m')).toBe(90 * 60_000);
    expect(parseDurationMs('12h')).toBe(12 * 3_600_000);
    expect(parseDurationMs('30d')).toBe(30 * 86_400_000);
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseExpiry('1d', now)).toBe(now + 86_400_000);
    expect(parseExpiry('2030-06-01T00:00:00+02:00', now)).toBe(Date.parse('2030-05-31T22:00:00Z'));
  });

  it('refuses anything else, and instants not in the future', () => {
    for (const text of ['', '30', '1w', '-1d', '1.5h', 'soon', '2030-06-01', '2030-06-01T00:00:00']) {
      expect(parseExpiry(text, 0), text).toBeUndefined();
    }
    expect(parseExpiry('0m', 0)).toBeUndefined();
    expect(parseExpiry('2029-12-31T23:59:59Z', Date.parse('2030-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('keysCommand arguments', () => {
  const refusals: [string, string[]][] = [
    ['no subcommand', []],
    ['an unknown subcommand', ['delete', 'abcdefabcdef']],
    ['create without --user', ['create', '--projects', 'acme/*']],
    ['create with a bad pattern', ['create', '--user', 'u', '--projects', 'acme/bo*']],
    ['create with an unknown scope', ['create', '--user', 'u', '--projects', 'acme/*', '--scopes', 'ingest,admin']],
    ['create with no scope', ['create', '--user', 'u', '--projects', 'acme/*', '--scopes', '']],
    ['create with a bad expiry', ['create', '--user', 'u', '--projects', 'acme/*', '--expires', 'soon']],
    ['create with a past expiry', ['create', '--user', 'u', '--projects', 'acme/*', '--expires', '2001-01-01T00:00:00Z']],
    ['create with an unknown option', ['create', '--user', 'u', '--projects', 'acme/*', '--admin']],
    ['revoke without an id', ['revoke']],
    ['revoke with a key instead of an id', ['revoke', 'fk_abcdefabcdefabcdef']],
    ['revoke with two ids', ['revoke', 'abcdefabcdef', 'abcdefabcdef']],
    ['rotate with a bad grace', ['rotate', 'abcdefabcdef', '--grace', 'forever']],
    ['list with an argument', ['list', 'everything']],
  ];
  it.each(refusals)('%s: exit 2 with the usage, no key printed', async (_label, argv) => {
    const out = captureOutput();
    expect(await keysCommand(argv, config)).toBe(2);
    expect(out.stdout()).toBe('');
    expect(out.stderr()).toContain('usage: feedback-server keys');
  });

  it('create grants ingest and read unless --scopes names others; backfill only when named', async () => {
    const out = captureOutput();
    expect(await keysCommand(['create', '--user', 'u', '--projects', 'acme/*'], config)).toBe(0);
    expect(await keysCommand(['create', '--user', 'u', '--projects', 'acme/*', '--scopes', 'backfill,ingest'], config)).toBe(0);
    const lines = (out.stdout() + out.stderr()).split('\n').filter((l) => l.startsWith('created key'));
    expect(lines[0]).toContain('(scopes ingest, read');
    expect(lines[1]).toContain('(scopes ingest, backfill');
  }, 60_000);

  it('revoke or rotate of an id that does not exist: exit 1', async () => {
    const out = captureOutput();
    expect(await keysCommand(['revoke', 'ffffffffffff'], config)).toBe(1);
    expect(await keysCommand(['rotate', 'ffffffffffff'], config)).toBe(1);
    expect(out.stdout()).toBe('');
    expect(out.stderr()).toContain('no key ffffffffffff');
  }, 60_000);
});
