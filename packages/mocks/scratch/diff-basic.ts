import { readFileSync } from 'node:fs';
import { runCases, done, type Case } from './diff.js';
const old = JSON.parse(readFileSync(new URL('./cases1.json', import.meta.url), 'utf8')) as [string, string, string, Record<string, string>?][];
const cases: Case[] = old.map(([label, path, body, headers]) => ({ label, path, body, headers: headers ?? {} }));
const big = 'x'.repeat(2 * 1024 * 1024);
cases.push(
  { label: 'too large no auth', path: '/feedback/create', body: `{"a":"${big}"}`, headers: { authorization: '' } },
  { label: 'too large text/plain no auth', path: '/feedback/create', body: `{"a":"${big}"}`, headers: { authorization: '', 'content-type': 'text/plain' } },
  { label: 'latin1 no auth', path: '/feedback/create', body: '{}', headers: { authorization: '', 'content-type': 'application/json; charset=latin1' } },
  { label: 'utf8 no dash', path: '/feedback/create', body: '{}', headers: { 'content-type': 'application/json; charset=utf8' } },
  { label: 'utf-99', path: '/feedback/create', body: '{}', headers: { 'content-type': 'application/json; charset=utf-99' } },
  { label: 'utf-16le', path: '/feedback/aggregate', body: '{"project_id":"acme/x","after_ms":0,"before_ms":1000}', headers: { 'content-type': 'application/json; charset="UTF-16"' } },
  { label: 'enc foo', path: '/feedback/create', body: '{}', headers: { 'content-encoding': 'foo' } },
  { label: 'PUT no auth', method: 'PUT', path: '/feedback/create', body: '{}', headers: { authorization: '' } },
  { label: 'PUT', method: 'PUT', path: '/feedback/create', body: '{}' },
  { label: 'GET', method: 'GET', path: '/feedback/create', headers: { 'content-type': '' } },
  { label: 'unknown path', path: '/feedback/nope', body: '{}' },
  { label: 'bare feedback', path: '/feedback', body: '{}' },
  { label: 'unknown path malformed no auth', path: '/feedback/nope', body: '{x', headers: { authorization: '' } },
  { label: 'query', path: '/feedback/aggregate?x=1', body: '{"project_id":"acme/x","after_ms":0,"before_ms":1000}' },
  { label: 'query order', path: '/feedback/aggregate?b.c=1&2=x&1=y', body: '{"project_id":"acme/x","after_ms":0,"before_ms":1000}' },
  { label: 'query + bad ct', path: '/feedback/aggregate?x=1', body: '{}', headers: { 'content-type': 'text/plain' } },
  { label: 'query + bad body', path: '/feedback/aggregate?x=1', body: '{}' },
  { label: 'trailing slash', path: '/feedback/aggregate/', body: '{"project_id":"acme/x","after_ms":0,"before_ms":1000}' },
  { label: 'uppercase CT', path: '/feedback/aggregate', body: '{"project_id":"acme/x","after_ms":0,"before_ms":1000}', headers: { 'content-type': 'Application/JSON' } },
  { label: 'CT semicolon', path: '/feedback/aggregate', body: '{"project_id":"acme/x","after_ms":0,"before_ms":1000}', headers: { 'content-type': 'application/json;' } },
  { label: 'healthz', method: 'GET', path: '/healthz', headers: { authorization: '', 'content-type': '' } },
  { label: 'readyz', method: 'GET', path: '/readyz', headers: { authorization: '', 'content-type': '' } },
  { label: 'bob forbidden', path: '/feedback/stats', body: '{"project_id":"acme/x","start":"2024-01-01T00:00:00Z"}', headers: { authorization: 'Basic ' + Buffer.from('api:bob-key-0123456789').toString('base64') } },
  { label: 'wrong user', path: '/feedback/stats', body: '{}', headers: { authorization: 'Basic ' + Buffer.from('bob:bob-key-0123456789').toString('base64') } },
  { label: 'bearer', path: '/feedback/stats', body: '{}', headers: { authorization: 'Bearer x' } },
  { label: 'empty key', path: '/feedback/stats', body: '{}', headers: { authorization: 'Basic ' + Buffer.from('api:').toString('base64') } },
  { label: 'no x-request-id', path: '/feedback/stats', body: '{}', headers: { 'x-request-id': '' } },
);
const failures = await runCases(cases, process.argv.includes('-v'));
console.log(`${cases.length} cases, ${failures} differ`);
await done();
