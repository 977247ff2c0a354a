import { mount } from 'svelte';
import './phone.css';
import Phone from './Phone.svelte';
import { initLocale } from './i18n.svelte';

initLocale();
mount(Phone, { target: document.getElementById('phone')! });
document.body.dataset.ready = 'true';
