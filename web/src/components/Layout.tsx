import type { ReactNode } from "react";

import type { User } from "../api/types";
import { Link, useLocation } from "../router";
import type { Theme } from "../theme";
import { ThemeToggle } from "./ThemeToggle";

export const kNavigation = [
  { to: "/repositories", label: "Repositories" },
  { to: "/reviews", label: "Reviews" },
  { to: "/analytics", label: "Analytics" },
  { to: "/memory", label: "Memory" },
  { to: "/graph", label: "Knowledge graph" },
  { to: "/settings", label: "Settings" },
];

interface LayoutProps {
  user: User | null;
  theme: Theme;
  onTheme: (theme: Theme) => void;
  onSignOut?: () => void;
  children: ReactNode;
}

export function Layout({ user, theme, onTheme, onSignOut, children }: LayoutProps) {
  const { path } = useLocation();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2 dark:focus:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <Link to="/" className="text-lg font-bold text-slate-900 no-underline dark:text-slate-100">
            Nectr
          </Link>
          {user && (
            <nav aria-label="Main" className="flex flex-1 flex-wrap gap-1">
              {kNavigation.map((item) => {
                const active = path === item.to || path.startsWith(item.to + "/");
                return (
                  <Link
                    key={item.to}
                    to={item.to}
                    aria-current={active ? "page" : undefined}
                    className={`rounded-md px-2 py-1 text-sm ${
                      active
                        ? "bg-amber-100 font-semibold text-amber-950 dark:bg-amber-900 dark:text-amber-50"
                        : "text-slate-700 dark:text-slate-200"
                    }`}
                  >
                    {item.label}
                  </Link>
                );
              })}
            </nav>
          )}
          <div className="ml-auto flex items-center gap-3">
            <ThemeToggle theme={theme} onChange={onTheme} />
            {user && (
              <>
                <span className="text-sm" aria-label="Signed in as">
                  {user.login}
                </span>
                <button
                  type="button"
                  onClick={onSignOut}
                  className="rounded-md border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
                >
                  Sign out
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
