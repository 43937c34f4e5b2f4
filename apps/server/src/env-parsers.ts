// Small parsers for environment variables: a bad value stops start-up with a message naming it.
import { availableParallelism } from 'node:os';
import { KEY_SCOPES, parseKeyScopes } from '@feedback/semantics';
import type { ApiKeySeed } from './env.js';
import { parseInstant } from './keys/key-expiry.js';


export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

/** A switch written `on` or `off` (case-insensitive). */
function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw.toLowerCase() === 'on') return true;
  if (raw.toLowerCase() === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got ${JSON.stringify(raw)}`);
}

/** A count of processes, or `auto`: one per core the machine offers this process. */
function workers(env: NodeJS.ProcessEnv, name: string): number {
  const raw = env[name];
  if (raw?.toLowerCase() === 'auto') return availableParallelism();
  return int(env, name, 1, 1, 256);
}

function optionalString(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

const API_KEYS_SHAPE = 'a JSON list of {key, user, projects, scopes?, expires_at?}';

function apiKeys(env: NodeJS.ProcessEnv, name: string): ApiKeySeed[] | undefined {
  const raw = optionalString(env, name);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(`${name} must be ${API_KEYS_SHAPE}`);
  }
  if (!Array.isArray(parsed)) throw new ConfigError(`${name} must be ${API_KEYS_SHAPE}`);
  return parsed.map((entry: unknown, i): ApiKeySeed => {
    const e = entry as Partial<Record<'key' | 'user' | 'projects' | 'scopes' | 'expires_at', unknown>>;
    const ok =
      typeof e === 'object' && e !== null &&
      typeof e.key === 'string' && e.key.length >= 8 &&
      typeof e.user === 'string' && e.user.length > 0 &&
      Array.isArray(e.projects) && e.projects.every((p) => typeof p === 'string');
    if (!ok) throw new ConfigError(`${name}[${i}] needs key (8+ chars), user and projects (list of patterns)`);
    const seed: ApiKeySeed = { key: e.key as string, user: e.user as string, projects: e.projects as string[] };
    if (e.scopes !== undefined) {
      const scopes = Array.isArray(e.scopes) && e.scopes.every((s) => typeof s === 'string') ? parseKeyScopes(e.scopes) : undefined;
      if (scopes === undefined) throw new ConfigError(`${name}[${i}].scopes must be a non-empty list of ${KEY_SCOPES.join(', ')}`);
      seed.scopes = scopes;
    }
    if (e.expires_at !== undefined) {
      const at = typeof e.expires_at === 'string' ? parseInstant(e.expires_at) : undefined;
      if (at === undefined) throw new ConfigError(`${name}[${i}].expires_at must be an RFC 3339 instant with an offset, e.g. 2030-01-01T00:00:00Z`);
      seed.expiresAtMs = at;
    }
    return seed;
  });
}

export const parseEnv = { int, bool, onOff, optionalString, apiKeys, workers };
