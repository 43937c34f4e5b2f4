// The command line without a server: help with examples on every command, exit code 2 for every
// kind of usage error (before anything is sent), colour only on a terminal and never with NO_COLOR,
// and the import file of `seed --jsonl` as the server's own importer reads it.
import { describe, expect, it } from 'vitest';
import { parseImportLine } from '@feedback/server';
import { hasScript, runCli, runCliOnTerminal } from './support/run-cli.js';
import { runInProcess } from './support/run-in-process.js';

const COMMANDS = ['seed', 'stats', 'aggregate', 'query', 'export', 'import', 'purge'];
// Nothing listens here: a usage error must be found before any request would fail.
const ENV = { FEEDBACK_URL: 'http://127.0.0.1:9', FEEDBACK_KEY: 'unused-key-0123456789' };

describe('help', () => {
  it('every command has --help with examples, exit 0; the root lists commands, configuration and exit codes', async () => {
    const results = await Promise.all([[], ...COMMANDS.map((c) => [c])].map((args) => runInProcess([...args, '--help'])));
    const [root, ...commands] = results;
    expect(root).toMatchObject({ code: 0, stderr: '' });
    for (const c of COMMANDS) expect(root?.stdout).toContain(`  ${c} `);
    expect(root?.stdout).toContain('FEEDBACK_URL');
    expect(root?.stdout).toMatch(/Exit codes:\n {2}0 +done\n {2}1 +.+\n.*\n {2}2 +usage error.*\n {2}130 +interrupted/);
    commands.forEach((res, i) => {
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(res.stdout).toMatch(new RegExp(`^Usage: feedback ${COMMANDS[i] ?? ''} `));
      expect(res.stdout).toContain('Examples:\n  $ feedback ');
      expect(res.stdout).toContain('--url <url>');
    });
  }, 60_000);

  it('the process prints help and its version with exit 0', async () => {
    const [help, version] = await Promise.all([runCli(['seed', '--help']), runCli(['--version'])]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: feedback seed \[options\]/);
    expect(version).toMatchObject({ code: 0, stdout: '1.0.0\n' });
  }, 30_000);
});

describe('usage errors exit 2 and say what is wrong, in one place', () => {
  const cases: [string, string[], Record<string, string>, RegExp][] = [
    ['no command', [], ENV, /Usage: feedback/],
    ['an unknown command', ['frobnicate'], ENV, /unknown command 'frobnicate'/],
    ['an unknown option', ['stats', '-p', 'acme/x', '--frob'], ENV, /unknown option '--frob'/],
    ['no --project', ['stats'], ENV, /required option '-p, --project <entity\/project>' not specified/],
    ['a project without entity/', ['stats', '-p', 'acme'], ENV, /A project is entity\/project/],
    ['a bad number', ['seed', '-p', 'acme/x', '--rows', 'many'], ENV, /'-n, --rows <n>' argument 'many' is invalid/],
    ['--batch above the API limit', ['seed', '-p', 'acme/x', '--batch', '5000'], ENV, /--batch is at most 1000/],
    ['a bad duration', ['stats', '-p', 'acme/x', '--since', 'yesterday'], ENV, /--since: Expected a duration/],
    ['--since with --from', ['stats', '-p', 'acme/x', '--since', '1h', '--from', '2024-01-01'], ENV, /either --since or --from/],
    ['an unknown zone', ['stats', '-p', 'acme/x', '--tz', 'Mars/Olympus'], ENV, /IANA time zone/],
    ['a bad metric type', ['stats', '-p', 'acme/x', '-m', 'output.score:number'], ENV, /"number" is not a value type/],
    ['a bad --where', ['query', '-p', 'acme/x', '-w', 'score'], ENV, /--where: "score" is not a condition/],
    ['a bad export format', ['export', '-p', 'acme/x', '--format', 'xml'], ENV, /Allowed choices are jsonl, csv/],
    ['purge without a filter', ['purge', '-p', 'acme/x', '--yes'], ENV, /say which rows/],
    ['no API address', ['stats', '-p', 'acme/x'], { FEEDBACK_KEY: 'k' }, /no API address: set FEEDBACK_URL or pass --url/],
    ['no API key', ['stats', '-p', 'acme/x'], { FEEDBACK_URL: 'http://127.0.0.1:9' }, /no API key: set FEEDBACK_KEY or pass --key/],
    ['an address that is not a URL', ['stats', '-p', 'acme/x', '--url', 'localhost'], { FEEDBACK_KEY: 'k' }, /is not a URL/],
  ];

  it('for each kind of mistake', async () => {
    const results = await Promise.all(cases.map(async ([label, args, env, message]) => ({ label, message, ...(await runInProcess(args, env)) })));
    for (const r of results) {
      expect({ label: r.label, code: r.code, stdout: r.stdout }).toEqual({ label: r.label, code: 2, stdout: '' });
      expect(r.stderr, r.label).toMatch(r.message);
      expect(r.stderr, r.label).not.toContain('\u001b[');
    }
  }, 120_000);

  it('the process exits 2 too, with the message on stderr alone', async () => {
    const picked = cases.filter(([label]) => ['no command', 'an unknown option', 'no API address', '--since with --from'].includes(label));
    const results = await Promise.all(picked.map(async ([label, args, env, message]) => ({ label, message, ...(await runCli(args, { env })) })));
    for (const r of results) {
      expect({ label: r.label, code: r.code, stdout: r.stdout }).toEqual({ label: r.label, code: 2, stdout: '' });
      expect(r.stderr, r.label).toMatch(r.message);
    }
  }, 60_000);

  it('a network failure is a runtime error (exit 1), not a usage error', async () => {
    const res = await runCli(['stats', '-p', 'acme/x', '--url', 'http://127.0.0.1:9'], { env: { FEEDBACK_KEY: 'k' } });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^error: no answer from the API: .+ \(request id [0-9a-f-]{36}\)\n$/);
  }, 60_000);
});

describe.runIf(hasScript)('colour', () => {
  it('is on for a terminal and off with NO_COLOR', async () => {
    const [colored, plain] = await Promise.all([
      runCliOnTerminal(['frobnicate'], { env: ENV }),
      runCliOnTerminal(['frobnicate'], { env: { ...ENV, NO_COLOR: '1' } }),
    ]);
    expect(colored.code).toBe(2);
    expect(colored.stdout).toContain("\u001b[31merror: unknown command 'frobnicate'");
    expect(plain.code).toBe(2);
    expect(plain.stdout).toContain("error: unknown command 'frobnicate'");
    expect(plain.stdout).not.toContain('\u001b[');
  }, 60_000);
});

describe('seed --jsonl', () => {
  it('writes rows the server importer accepts, dated over --days in order, and names the DST change', async () => {
    const res = await runCli(['seed', '-p', 'acme/hist', '--rows', '400', '--days', '7', '--tz', 'America/New_York', '--end', '2024-03-14', '--jsonl']);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(400);
    const times = lines.map((line) => {
      const row = parseImportLine(line);
      expect(row.project_id).toBe('acme/hist');
      return (JSON.parse(line) as { created_at: string }).created_at;
    });
    const ms = times.map((t) => Date.parse(t));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
    expect(ms[0]).toBeGreaterThanOrEqual(Date.parse('2024-03-07T05:00:00Z'));
    expect(ms.at(-1)).toBeLessThan(Date.parse('2024-03-14T04:00:00Z'));
    expect(res.stderr).toContain('DST change in America/New_York: 2024-03-10T07:00:00.000Z (UTC-05:00 → UTC-04:00)');

    // The same rows (same ids, same content) as the API seed writes: only the dates are added.
    const again = await runCli(['seed', '-p', 'acme/hist', '--rows', '400', '--days', '3', '--end', '2025-01-01T00:00:00Z', '--jsonl']);
    const strip = (line: string) => {
      const { created_at: _c, ...rest } = JSON.parse(line) as Record<string, unknown>;
      return rest;
    };
    expect(again.stdout.trim().split('\n').map(strip)).toEqual(lines.map(strip));
    expect(again.stderr).toContain('no DST change');
  }, 60_000);
});
