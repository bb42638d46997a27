import type { Theme } from "../theme";

export function ThemeToggle({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }) {
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      onClick={() => onChange(next)}
      aria-label={`Switch to ${next} theme`}
      className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
    >
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
}
