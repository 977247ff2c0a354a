import { isThemePref, resolveTheme, type Theme, type ThemePref } from './theme';

const STORAGE_KEY = 'fiilis.theme';

function readStored(): ThemePref {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isThemePref(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

const state = $state<{ pref: ThemePref; systemDark: boolean }>({
  pref: readStored(),
  systemDark: media?.matches ?? false,
});

function apply(): void {
  const theme: Theme = resolveTheme(state.pref, state.systemDark);
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

media?.addEventListener('change', (event) => {
  state.systemDark = event.matches;
  apply();
});

export const theme = {
  get pref(): ThemePref {
    return state.pref;
  },
  set pref(value: ThemePref) {
    state.pref = value;
    try {
      localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // storage disabled
    }
    apply();
  },
  get resolved(): Theme {
    return resolveTheme(state.pref, state.systemDark);
  },
  apply,
};
