// The SDK client a command talks through, configured by --url/--key or FEEDBACK_URL/FEEDBACK_KEY.
import { createFeedbackClient, type FeedbackClient } from '@feedback/sdk';
import { UsageError } from './cli-errors.js';
import type { Context } from './context.js';

export interface ConnectionOptions {
  url?: string | undefined;
  key?: string | undefined;
}

export function apiClient(ctx: Context, opts: ConnectionOptions): FeedbackClient {
  const baseUrl = opts.url ?? ctx.config.url;
  const apiKey = opts.key ?? ctx.config.key;
  if (baseUrl === undefined) throw new UsageError('no API address: set FEEDBACK_URL or pass --url (e.g. http://localhost:8080)');
  if (apiKey === undefined) throw new UsageError('no API key: set FEEDBACK_KEY or pass --key');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(`the API address "${baseUrl}" is not a URL (e.g. http://localhost:8080)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`the API address must be http:// or https://, not ${url.protocol}`);
  // Longer than the SDK's default: an export page or a seed batch of 1,000 rows on a busy
  // server can take several seconds; retries after 503s and timeouts stay on.
  return createFeedbackClient({ baseUrl, apiKey, timeoutMs: 60_000, retries: 4, retryMaxDelayMs: 5_000 });
}
