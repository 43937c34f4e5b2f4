// The API key lives in sessionStorage: it survives a reload but not the tab, and never enters
// the URL (links are shared).
const KEY = 'feedback-dashboard.api-key';

export function loadApiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveApiKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

export function forgetApiKey(): void {
  sessionStorage.removeItem(KEY);
}
