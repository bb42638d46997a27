// Light and dark themes: the user's choice, else the system's preference.
export type Theme = "light" | "dark";

const kStorageKey = "nectr-theme";

export function initialTheme(): Theme {
  const stored = window.localStorage?.getItem(kStorageKey);
  if (stored === "light" || stored === "dark") {
    return stored;
  }
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

export function applyTheme(theme: Theme): void {
  document.documentElement.classList.toggle("dark", theme === "dark");
  document.documentElement.style.colorScheme = theme;
  window.localStorage?.setItem(kStorageKey, theme);
}
