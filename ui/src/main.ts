import './app.css';
import { mount, unmount } from 'svelte';
import App from './App.svelte';
import { backend } from './lib/backend';
import { isLinuxDesktop } from './lib/format';
import { applyLang } from './lib/i18n/i18n.svelte';
import { warmUp } from './lib/lazy';
import { presenterIdFromHash } from './lib/presenter/route';
import { theme } from './lib/theme.svelte';
import Recovery from './lib/trust/Recovery.svelte';

// Before the first render: theme, <html lang> and the platform's font (app.css).
theme.apply();
applyLang();
if (isLinuxDesktop(navigator.userAgent)) document.documentElement.dataset.platform = 'linux';

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

function startApp(into: HTMLElement) {
  const app = mount(App, { target: into });

  requestAnimationFrame(() => {
    // The desktop app wants to know when its window became usable: its first backup waits
    // for it, and the startup benchmark ends there. A browser has nobody to tell.
    if (backend.transport === 'ipc') {
      backend.call('app_ready', {}).catch(() => {
        // The first backup then starts after a while anyway.
      });
    }
    // The projector's window shows the presenter alone and never opens a workshop.
    if (!presenterIdFromHash(window.location.hash)) warmUp();
  });
  return app;
}

// `#recovery`: the desktop shell could not open the library, and only the recovery screen may
// run (the app proper would load workshops). If the library is fine after all, the app starts.
if (window.location.hash === '#recovery') {
  const recovery = mount(Recovery, {
    target,
    props: {
      onfine: () => {
        void unmount(recovery);
        history.replaceState(null, '', window.location.pathname + window.location.search);
        startApp(target);
      },
    },
  });
} else {
  startApp(target);
}
