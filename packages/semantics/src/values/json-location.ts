// Where a value sits inside a request body, for error messages that name it
// (`payload.items[2]["a b"]`), and the one-level walk the iterative checks share.

/** A path from the root, kept as parent links so a walk never copies arrays. */
export interface PathNode {
  readonly parent: PathNode | null;
  readonly segment: string | number;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `payload.items[2]["a b"]`; the empty path reads "the request body". */
export function renderPath(node: PathNode | null): string {
  const parts: (string | number)[] = [];
  for (let n = node; n !== null; n = n.parent) parts.push(n.segment);
  parts.reverse();
  if (parts.length === 0) return 'the request body';
  return parts
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      if (PLAIN_KEY.test(part)) return i === 0 ? part : `.${part}`;
      // JSON.stringify escapes NUL and lone surrogates, so the message itself stays storable.
      return `[${JSON.stringify(part)}]`;
    })
    .join('');
}

/** The node for a value found at `loc` (field names from the body's root). */
export function rootNode(loc: readonly string[]): PathNode | null {
  let node: PathNode | null = null;
  for (const segment of loc) node = { parent: node, segment };
  return node;
}

/** The children of a JSON container with their path segments; none for a scalar. */
export function childrenOf(value: unknown): [string | number, unknown][] {
  if (Array.isArray(value)) return value.map((item: unknown, i) => [i, item]);
  if (typeof value === 'object' && value !== null) return Object.entries(value);
  return [];
}
