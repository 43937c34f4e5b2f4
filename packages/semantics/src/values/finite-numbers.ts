// JSON.parse reads a number too large for a 64-bit float (`1e400`) as ±Infinity, which JSON
// cannot write back: stored, it would silently become `null`. Such a body is refused instead,
// naming where the number sits. (Numbers too small underflow to 0, as any float parser does.)
import { invalidRequest } from '../errors.js';
import { childrenOf, renderPath, rootNode, type PathNode } from './json-location.js';

/**
 * Throws a 400 naming the first number (depth-first, in document order) that is not a finite
 * 64-bit float. `loc` names where `value` sits. Iterative, like the other body walks.
 */
export function assertFiniteNumbers(value: unknown, loc: readonly string[] = []): void {
  const stack: { value: unknown; path: PathNode | null }[] = [{ value, path: rootNode(loc) }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value === 'number') {
      if (!Number.isFinite(item.value)) {
        throw invalidRequest(
          `Number out of range at ${renderPath(item.path)}: JSON numbers must fit a 64-bit float (at most about ±1.8e308).`,
        );
      }
      continue;
    }
    // Pushed in reverse so that popping visits them in document order.
    for (const [segment, child] of childrenOf(item.value).reverse()) {
      stack.push({ value: child, path: { parent: item.path, segment } });
    }
  }
}
