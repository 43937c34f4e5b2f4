// Base64 decoding as lenient as Node's Buffer decoding (what HTTP servers commonly use for Basic
// credentials), so an odd but accepted header is accepted everywhere. atob() is stricter (it
// throws on a bad length), and this code must also run in browsers, which have no Buffer.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));
// Node also reads the URL-safe alphabet.
VALUE.set('-', 62);
VALUE.set('_', 63);

/** Bytes of `text`: stops at the first `=`, skips characters outside the alphabet, drops leftover bits. */
export function decodeBase64Lenient(text: string): Uint8Array {
  const end = text.indexOf('=');
  const body = end === -1 ? text : text.slice(0, end);
  const out: number[] = [];
  let bits = 0;
  let bitCount = 0;
  for (const c of body) {
    const v = VALUE.get(c);
    if (v === undefined) continue;
    bits = ((bits << 6) | v) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      out.push((bits >> bitCount) & 0xff);
    }
  }
  return Uint8Array.from(out);
}
