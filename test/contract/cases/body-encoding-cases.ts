// Compressed bodies that do not inflate: a 422 json_invalid at `body` (like malformed JSON), never
// a 500; one that inflates past the body limit is a 413. All sent with a valid key, so the answer
// is about the body, whichever of authentication and body parsing comes first.
import { deflateRawSync, gzipSync } from 'node:zlib';
import type { CaseStep, ContractCase } from './contract-case.js';

const P = 'acme/body-encoding';
const STATS = { project_id: P, start: '2024-06-01T00:00:00Z', end: '2024-06-01T01:00:00Z' };
const GZIPPED_STATS = new Uint8Array(gzipSync(JSON.stringify(STATS)));
const UNDECODABLE = { status: 422, detail: [{ loc: ['body'], type: 'json_invalid' }] };

function gzipStep(bytes: Uint8Array<ArrayBuffer>): CaseStep {
  return { request: { path: '/feedback/stats', contentEncoding: 'gzip', bytes }, expect: UNDECODABLE };
}

/** The last 8 bytes of a gzip member are its CRC-32 and length: flip one bit of the CRC. */
function withBadChecksum(gzip: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return gzip.map((b, i) => (i === gzip.length - 8 ? b ^ 1 : b));
}

export const bodyEncodingCases: ContractCase[] = [
  {
    name: '422: a gzip body that is not gzip, is truncated, fails its checksum or is empty',
    targets: 'stateful',
    before: [
      gzipStep(new TextEncoder().encode(JSON.stringify(STATS))),
      gzipStep(GZIPPED_STATS.slice(0, -6)),
      gzipStep(GZIPPED_STATS.slice(0, 4)),
      gzipStep(withBadChecksum(GZIPPED_STATS)),
    ],
    request: { path: '/feedback/stats', contentEncoding: 'gzip', bytes: new Uint8Array(0) },
    expect: UNDECODABLE,
  },
  {
    name: '422: a deflate body without its zlib wrapper (raw deflate) or gzip sent as deflate',
    targets: 'stateful',
    before: [{ request: { path: '/feedback/create', contentEncoding: 'deflate', bytes: GZIPPED_STATS }, expect: UNDECODABLE }],
    request: { path: '/feedback/aggregate', contentEncoding: 'deflate', bytes: new Uint8Array(deflateRawSync(JSON.stringify(STATS))) },
    expect: UNDECODABLE,
  },
  {
    name: '413: a small gzip body that inflates past the 2 MiB body limit',
    targets: 'stateful',
    request: { path: '/feedback/create', contentEncoding: 'gzip', bytes: new Uint8Array(gzipSync(' '.repeat(2 * 1024 * 1024 + 1))) },
    expect: { status: 413, errorType: 'PayloadTooLarge' },
  },
];
