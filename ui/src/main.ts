import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { backend } from './lib/backend';
import { applyLang } from './lib/i18n/i18n.svelte';
import { theme } from './lib/theme.svelte';

// Before the first render: theme and <html lang>.
theme.apply();
applyLang();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

const app = mount(App, { target });

// The desktop app wants to know when its window became usable (startup benchmark); a
// browser has nobody to tell.
if (backend.transport === 'ipc') {
  requestAnimationFrame(() => {
    backend.call('app_ready', {}).catch(() => {
      // Only a measurement: the app works without it.
    });
  });
}

export default app;
