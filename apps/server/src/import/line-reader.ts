// Splits a byte stream into numbered lines in bounded memory: a line longer than the limit is
// skipped up to its end (not buffered) and reported as too long; invalid UTF-8 is reported too.

export interface SourceLine {
  /** 1-based. */
  number: number;
  /** The line without its end (`\n` or `\r\n`); undefined when `problem` says why it is unreadable. */
  text: string | undefined;
  problem?: string;
}

const NEWLINE = 0x0a;

export async function* readLines(source: AsyncIterable<Uint8Array | string>, maxLineBytes: number): AsyncGenerator<SourceLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Uint8Array[] = [];
  let bytes = 0;
  let tooLong = false;
  let number = 0;

  const finish = (): SourceLine => {
    number++;
    const line: SourceLine = tooLong
      ? { number, text: undefined, problem: `the line is longer than ${maxLineBytes} bytes` }
      : decode(number, parts, bytes, decoder);
    parts = [];
    bytes = 0;
    tooLong = false;
    return line;
  };

  for await (const chunk of source) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let from = 0;
    while (from <= buf.length) {
      const nl = buf.indexOf(NEWLINE, from);
      const end = nl < 0 ? buf.length : nl;
      if (!tooLong && end > from) {
        if (bytes + (end - from) > maxLineBytes) {
          tooLong = true;
          parts = [];
        } else {
          parts.push(buf.subarray(from, end));
        }
        bytes += end - from;
      }
      if (nl < 0) break;
      yield finish();
      from = nl + 1;
    }
  }
  if (bytes > 0) yield finish();
}

function decode(number: number, parts: Uint8Array[], bytes: number, decoder: TextDecoder): SourceLine {
  const whole = parts.length === 1 ? parts[0] ?? new Uint8Array() : Buffer.concat(parts, bytes);
  let text: string;
  try {
    text = decoder.decode(whole);
  } catch {
    return { number, text: undefined, problem: 'the line is not valid UTF-8' };
  }
  return { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
}
