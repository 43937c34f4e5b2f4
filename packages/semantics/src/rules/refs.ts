// Weave refs (`weave:///<entity>/<project>/<kind>/<name>[:<digest>][/...]`) and the id rules the
// aggregate filters apply to them. The SQL side must compute objectIdOf/spanTypeOf the same way.

export interface WeaveRef {
  entity: string;
  project: string;
  /** `object`, `op`, `call`, `agent_turn`, …: not checked here. */
  kind: string;
  /** The fourth segment up to its first `:`. */
  name: string;
  /** Everything after the first `:` of the fourth segment, when there is a `:`. */
  digest?: string;
  /** Further `/` segments after the name, as written (not percent-decoded). */
  rest: string[];
}

const WEAVE_SCHEME = 'weave:///';

/**
 * Splits a weave ref, or `null` when it is not one: wrong scheme, fewer than four segments, an
 * empty entity/project/kind/name, or a `:` with nothing after it.
 */
export function parseWeaveRef(ref: string): WeaveRef | null {
  if (!ref.startsWith(WEAVE_SCHEME)) return null;
  const [entity, project, kind, nameAndDigest, ...rest] = ref.slice(WEAVE_SCHEME.length).split('/');
  if (!entity || !project || !kind || !nameAndDigest) return null;
  const colon = nameAndDigest.indexOf(':');
  if (colon === -1) return { entity, project, kind, name: nameAndDigest, rest };
  const name = nameAndDigest.slice(0, colon);
  const digest = nameAndDigest.slice(colon + 1);
  if (!name || !digest) return null;
  return { entity, project, kind, name, digest, rest };
}

/** The fourth segment as written: `name` or `name:digest`. */
export function refSegment(ref: WeaveRef): string {
  return ref.digest === undefined ? ref.name : `${ref.name}:${ref.digest}`;
}

/**
 * The *object id* of a ref: the text after the last `/`, cut at the first `:`
 * (`weave:///e/p/object/scorer_a:abc` → `scorer_a`). `''` for a null/absent ref; the whole text
 * (cut at `:`) when there is no `/`.
 */
export function objectIdOf(ref: string | null | undefined): string {
  if (ref === null || ref === undefined) return '';
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon === -1 ? last : last.slice(0, colon);
}

/**
 * The span type of a `weave_ref`: its second-to-last `/` segment
 * (`weave:///e/p/agent_turn/t1` → `agent_turn`), `''` when the ref has no `/`.
 */
export function spanTypeOf(weaveRef: string): string {
  const segments = weaveRef.split('/');
  return segments.length < 2 ? '' : (segments[segments.length - 2] ?? '');
}

/** A pattern with every trailing `*` removed: the prefix a prefix-pattern stands for. */
export function feedbackTypePrefix(pattern: string): string {
  return pattern.replace(/\*+$/, '');
}

/**
 * `monitor_ids`/`scorer_ids` matching: exact, or — when the pattern ends in `*` — a prefix match
 * on the pattern with ALL trailing `*`s removed (`mon*` and `mon**` match `mon` and `monday`;
 * `*` alone matches every id, including `''`). A `*` elsewhere is a literal character.
 */
export function idPatternMatches(pattern: string, id: string): boolean {
  if (!pattern.endsWith('*')) return pattern === id;
  return id.startsWith(feedbackTypePrefix(pattern));
}

/** The same patterns split for a query: exact ids, and prefixes (from values ending in `*`). */
export function splitIdPatterns(patterns: readonly string[]): { exact: string[]; prefixes: string[] } {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const p of patterns) {
    if (p.endsWith('*')) prefixes.push(feedbackTypePrefix(p));
    else exact.push(p);
  }
  return { exact, prefixes };
}
