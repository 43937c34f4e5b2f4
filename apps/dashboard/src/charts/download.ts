// Saves text as a file through a temporary object URL.
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked after the click has been handled, or the download may not start.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
