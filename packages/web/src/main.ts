import { App } from './app/App.js';
import './style.css';

// The page's entry: start the worker (module worker, bundled by Vite) and the app around it.
const worker = new Worker(new URL('./worker/visorWorker.ts', import.meta.url), { type: 'module', name: 'visor' });
const app = new App(worker);
void app.start().catch((e) => {
  document.body.dataset.ready = 'error';
  console.error(e);
});
