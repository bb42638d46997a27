// A small history-based router: the server answers every page path with index.html.
import { createContext, useCallback, useContext, useEffect, useState } from "react";
import type { AnchorHTMLAttributes, ReactNode } from "react";

interface Location {
  path: string;
  search: URLSearchParams;
  navigate: (to: string) => void;
}

const LocationContext = createContext<Location | null>(null);

function current(): { path: string; search: string } {
  return { path: window.location.pathname, search: window.location.search };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [where, setWhere] = useState(current);
  useEffect(() => {
    const onPop = () => setWhere(current());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const navigate = useCallback((to: string) => {
    window.history.pushState(null, "", to);
    setWhere(current());
    window.scrollTo?.(0, 0);
  }, []);
  return (
    <LocationContext.Provider
      value={{ path: where.path, search: new URLSearchParams(where.search), navigate }}
    >
      {children}
    </LocationContext.Provider>
  );
}

export function useLocation(): Location {
  const location = useContext(LocationContext);
  if (!location) {
    throw new Error("useLocation needs a RouterProvider");
  }
  return location;
}

// An anchor that navigates without reloading, unless a modifier asks for a new tab.
export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const { navigate } = useLocation();
  return (
    <a
      href={to}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
          return;
        }
        event.preventDefault();
        navigate(to);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
