// The app's shell: signed out → sign-in; signed in → header, project picker and the project view.
// A 401 anywhere forgets the key and returns to sign-in with the reason.
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { createApi, type Api } from '../api/api-client.js';
import { ApiContext } from '../api/api-context.js';
import { forgetApiKey, loadApiKey, saveApiKey } from '../auth/key-storage.js';
import { SignIn } from '../auth/sign-in.js';
import type { AppConfig } from '../config.js';
import { rememberProject } from '../state/recent-projects.js';
import { useViewState } from '../state/use-view-state.js';
import { ErrorBoundary } from './error-boundary.js';
import { ProjectPicker } from './project-picker.js';
import { ProjectView } from './project-view.js';

function isUnauthorized(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { error_type?: unknown }).error_type === 'Unauthorized';
}

export function App({ config }: { config: AppConfig }): ReactNode {
  const [view, update] = useViewState();
  const [signOutReason, setSignOutReason] = useState<unknown>(null);
  const [api, setApi] = useState<Api | null>(() => {
    const key = loadApiKey();
    return key === null ? null : createApi(config.apiBaseUrl, key);
  });

  const signOut = (reason: unknown = null) => {
    forgetApiKey();
    setSignOutReason(reason);
    setApi(null);
  };

  const queryClient = useMemo(
    () =>
      new QueryClient({
        // The SDK retries 503s, network errors and short 429s itself.
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
        queryCache: new QueryCache({ onError: (error) => (isUnauthorized(error) ? signOut(error) : undefined) }),
      }),
    // One cache per key: another key may see other projects.
    [api],
  );

  if (api === null) {
    return (
      <SignIn
        baseUrl={config.apiBaseUrl}
        project={view.project}
        demo={config.demo}
        reason={signOutReason}
        onSignedIn={(key, next) => {
          saveApiKey(key);
          setSignOutReason(null);
          setApi(next);
        }}
      />
    );
  }

  const open = (project: string) => {
    rememberProject(project);
    update({ project, panels: project === view.project ? view.panels : null });
  };

  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>
        <header className="app-header">
          <h1>
            Feedback dashboard{config.demo ? <span className="badge">demo</span> : null}
          </h1>
          <ProjectPicker key={view.project} current={view.project} onOpen={open} />
          <button type="button" data-testid="sign-out" onClick={() => signOut()}>
            Sign out
          </button>
        </header>
        {view.project === '' ? (
          <main className="empty-main">
            <p>Open a project to see its feedback over time.</p>
          </main>
        ) : (
          <ErrorBoundary key={view.project}>
            <ProjectView view={view} update={update} onSignIn={() => signOut()} />
          </ErrorBoundary>
        )}
      </QueryClientProvider>
    </ApiContext.Provider>
  );
}
