import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { applyLang } from './lib/i18n/i18n.svelte';
import { theme } from './lib/theme.svelte';

// Before the first render: theme and <html lang>.
theme.apply();
applyLang();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
