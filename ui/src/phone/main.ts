import { mount } from 'svelte';
import './phone.css';
import { isLinuxDesktop } from '../lib/format';
import { theme } from '../lib/theme.svelte';
import Phone from './Phone.svelte';
import { initLocale } from './i18n.svelte';

// The app's themes (theme.css), light or dark as the phone is set: there is no theme menu here;
// and the app's font where the page is opened on a Linux desktop, as the window does.
theme.apply();
if (isLinuxDesktop(navigator.userAgent)) document.documentElement.dataset.platform = 'linux';
initLocale();
mount(Phone, { target: document.getElementById('phone')! });
document.body.dataset.ready = 'true';
