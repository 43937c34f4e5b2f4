// Sign-in: the user pastes an API key. It is checked with one cheap read (payload_schema of at
// most one row), so a key the server refuses is explained here rather than on every chart.
import { useState, type FormEvent, type ReactNode } from 'react';
import { createApi, type Api } from '../api/api-client.js';
import { ErrorNotice } from '../components/error-notice.js';

// Any well-formed id works for the check: 401 (bad key) and a missing "read" scope come before
// the project is looked at; a key without that project still signs in.
const CHECK_PROJECT = 'dashboard/sign-in-check';

async function checkKey(api: Api, project: string): Promise<unknown> {
  const { error } = await api.client.raw.POST('/feedback/payload_schema', { body: { project_id: project || CHECK_PROJECT, max_rows: 1 } });
  if (error === undefined) return null;
  const forbiddenProject = typeof error === 'object' && 'error_type' in error && error.error_type === 'Forbidden' && !/scope/i.test(error.reason);
  return forbiddenProject ? null : error;
}

export interface SignInProps {
  baseUrl: string;
  project: string;
  demo: boolean;
  /** Why the last key stopped working, if it did. */
  reason: unknown;
  onSignedIn: (key: string, api: Api) => void;
}

export function SignIn({ baseUrl, project, demo, reason, onSignedIn }: SignInProps): ReactNode {
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(reason);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = key.trim();
    if (trimmed === '') return;
    setBusy(true);
    try {
      const api = createApi(baseUrl, trimmed);
      const refused = await checkKey(api, project);
      if (refused === null) onSignedIn(trimmed, api);
      else setError(refused);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Feedback dashboard</h1>
      <form data-testid="sign-in-form" onSubmit={submit} aria-describedby="sign-in-help">
        <label htmlFor="api-key">API key</label>
        <input id="api-key" data-testid="api-key-input" type="password" autoComplete="off" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} required autoFocus />
        <button type="submit" data-testid="sign-in-submit" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p id="sign-in-help" className="help">
          {demo
            ? 'Demo mode: the API runs in this page. Use the key demo-key.'
            : 'Paste a key with the "read" scope: the one `npm start` printed (FEEDBACK_KEY=fk_…) or one from `feedback-server keys create`. It is kept for this browser tab only.'}
        </p>
      </form>
      {error ? <ErrorNotice error={error} testId="auth-error" /> : null}
    </main>
  );
}
