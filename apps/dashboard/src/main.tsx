// Entry point. A demo build first starts the in-browser fake (a separate chunk, imported only when
// the build's mode is `demo`, so the production bundle never contains it).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app.js';
import { readConfig } from './config.js';
import './styles.css';

async function start(): Promise<void> {
  const config = readConfig();
  // Read here rather than from config: only a literal `import.meta.env.MODE` check lets the
  // production build drop the demo chunk entirely.
  if (import.meta.env.MODE === 'demo') {
    const { startDemo } = await import('./demo/start-demo.js');
    await startDemo(config.apiBaseUrl);
  }
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void start();
