// Writing many lines to stdout or a file without holding them all in memory: waits for 'drain'
// when the stream's buffer is full, so a slow reader (a pipe to gzip) slows the export down.
import { once } from 'node:events';

export async function writeText(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
