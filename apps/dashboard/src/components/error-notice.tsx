// An error in words: what happened and what to do (see shaping/explain-error).
import type { ReactNode } from 'react';
import { explainError } from '../shaping/explain-error.js';

export function ErrorNotice({ error, onSignIn, testId = 'error-state' }: { error: unknown; onSignIn?: (() => void) | undefined; testId?: string }): ReactNode {
  const e = explainError(error);
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-status={e.status}>
      <p className="notice-title">{e.title}</p>
      <p>{e.detail}</p>
      <p>{e.action}</p>
      {e.signInAgain && onSignIn ? (
        <button type="button" onClick={onSignIn}>
          Sign in again
        </button>
      ) : null}
    </div>
  );
}
