// Guards for what PostgreSQL cannot store or what would crash a recursive walk: text/jsonb
// refuse U+0000 and unpaired UTF-16 surrogates, and very deep JSON breaks JSON.stringify.
// Both walks are iterative, so no input can overflow the call stack here.
import { invalidRequest } from '../errors.js';
import { childrenOf, renderPath, rootNode, type PathNode } from './json-location.js';

// NUL, a high surrogate not followed by a low one, a low surrogate not preceded by a high one.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(s: string): boolean {
  return UNSTORABLE.test(s);
}

/**
 * Throws a 400 naming the first string value or object key (depth-first, in document order)
 * that contains NUL (U+0000) or an unpaired surrogate. `loc` names where `value` sits.
 */
export function assertCleanStrings(value: unknown, loc: readonly string[] = []): void {
  const stack: { value: unknown; path: PathNode | null }[] = [{ value, path: rootNode(loc) }];
  const reason = 'strings must not contain NUL (U+0000) or unpaired surrogates.';
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value === 'string') {
      if (hasUnstorableText(item.value)) throw invalidRequest(`Invalid text at ${renderPath(item.path)}: ${reason}`);
      continue;
    }
    // Pushed in reverse so that popping visits them in document order.
    for (const [segment, child] of childrenOf(item.value).reverse()) {
      const path: PathNode = { parent: item.path, segment };
      if (typeof segment === 'string' && hasUnstorableText(segment)) {
        throw invalidRequest(`Invalid object key at ${renderPath(path)}: ${reason}`);
      }
      stack.push({ value: child, path });
    }
  }
}

/** Nesting depth: 0 for a scalar, 1 for `{}`/`[]` or a container of scalars, and so on. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > deepest) deepest = depth;
    for (const [, child] of childrenOf(item.value)) stack.push({ value: child, depth });
  }
  return deepest;
}

/** Throws a 400 when `value` nests objects/arrays deeper than `maxDepth` levels. */
export function assertMaxDepth(value: unknown, maxDepth: number, loc: readonly string[] = []): void {
  const stack: { value: unknown; depth: number; path: PathNode | null }[] = [{ value, depth: 0, path: rootNode(loc) }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) {
      throw invalidRequest(
        `JSON nested too deeply at ${renderPath(item.path)}: at most ${maxDepth} levels of objects and arrays are allowed.`,
      );
    }
    for (const [segment, child] of childrenOf(item.value)) {
      stack.push({ value: child, depth, path: { parent: item.path, segment } });
    }
  }
}

/** The most nesting a request body may have (the body object itself is level 1). */
export const MAX_JSON_DEPTH = 64;

/** Bytes of `s` in UTF-8 without encoding it (a lone surrogate counts 3, as TextEncoder writes U+FFFD). */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
