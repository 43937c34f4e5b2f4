// A failure while drawing a view shows what happened and a way out, instead of a blank page
// (React unmounts the whole tree after an uncaught render error).
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The dashboard failed to draw this view', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <main>
        <div className="notice notice-error" role="alert" data-testid="error-state">
          <p className="notice-title">This view could not be drawn</p>
          <p>{this.state.error.message}</p>
          <p>Reload the page; if it happens again, report it with the address of this page.</p>
          <button type="button" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </main>
    );
  }
}
