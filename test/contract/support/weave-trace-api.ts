// Weave's own TypeScript client for the trace server: the API module the `weave` package
// generates from Weave's OpenAPI document, built as `weave.init()` builds it (a base URL and an
// HTTP Basic header `api:<key>`), without a W&B login or any other network use.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { init } from 'weave';

/** The client `weave.init()` gives its WeaveClient (`client.traceServerApi`). */
export type WeaveTraceServerApi = Awaited<ReturnType<typeof init>>['traceServerApi'];

interface GeneratedModule {
  Api: new (config: { baseUrl: string; baseApiParams: { headers: Record<string, string> } }) => WeaveTraceServerApi;
}

const require = createRequire(import.meta.url);

/**
 * The package's `exports` name only its entry point; the generated module is the file beside it
 * that the entry point itself loads (`dist/generated/traceServerApi.js`), so the exact-pinned dev
 * dependency is the contract: an upgrade that moves it fails here, loudly.
 */
function generatedModule(): GeneratedModule {
  const path = join(dirname(require.resolve('weave')), 'generated', 'traceServerApi.js');
  return require(path) as GeneratedModule;
}

export function weaveTraceServerApi(baseUrl: string, apiKey: string): WeaveTraceServerApi {
  const { Api } = generatedModule();
  return new Api({
    baseUrl,
    baseApiParams: {
      headers: {
        'User-Agent': 'W&B Weave JS Client (contract test)',
        Authorization: `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`,
      },
    },
  });
}
