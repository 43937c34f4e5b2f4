// The app's configuration, read in one place. The API is the page's own origin (the reference
// server serves both), unless a build sets VITE_FEEDBACK_API_URL.
export interface AppConfig {
  apiBaseUrl: string;
  /** Built with `--mode demo`: the app runs on the in-browser fake. */
  demo: boolean;
}

export function readConfig(): AppConfig {
  const configured: unknown = import.meta.env['VITE_FEEDBACK_API_URL'];
  return {
    apiBaseUrl: typeof configured === 'string' && configured !== '' ? configured : window.location.origin,
    demo: import.meta.env.MODE === 'demo',
  };
}
