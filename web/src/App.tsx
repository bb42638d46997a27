import { Suspense, lazy, useEffect, useState } from "react";

import { useLogout, useMe } from "./api/hooks";
import { Layout } from "./components/Layout";
import { ErrorState, Loading } from "./components/States";
import { GraphPage } from "./pages/GraphPage";
import { Landing } from "./pages/Landing";
import { MemoryPage } from "./pages/MemoryPage";
import { NotFound } from "./pages/NotFound";
import { Repositories } from "./pages/Repositories";
import { ReviewPage } from "./pages/ReviewPage";
import { Reviews } from "./pages/Reviews";
import { SettingsPage } from "./pages/SettingsPage";
import { useLocation } from "./router";
import { applyTheme, initialTheme } from "./theme";
import type { Theme } from "./theme";

// The charts library is most of the bundle: load it with the analytics page only.
const AnalyticsPage = lazy(() =>
  import("./pages/AnalyticsPage").then((module) => ({ default: module.AnalyticsPage })),
);

const kTitles: Record<string, string> = {
  "/repositories": "Repositories",
  "/reviews": "Reviews",
  "/analytics": "Analytics",
  "/memory": "Memory",
  "/graph": "Knowledge graph",
  "/settings": "Settings",
};

function SignedInPage({ path }: { path: string }) {
  const review = /^\/reviews\/(\d+)$/.exec(path);
  if (review) {
    return <ReviewPage id={Number(review[1])} />;
  }
  switch (path) {
    case "/":
    case "/repositories":
      return <Repositories />;
    case "/reviews":
      return <Reviews />;
    case "/analytics":
      return (
        <Suspense fallback={<Loading label="Loading charts…" />}>
          <AnalyticsPage />
        </Suspense>
      );
    case "/memory":
      return <MemoryPage />;
    case "/graph":
      return <GraphPage />;
    case "/settings":
      return <SettingsPage />;
    default:
      return <NotFound />;
  }
}

export function App() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const { path } = useLocation();
  const me = useMe();
  const logout = useLogout();
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    const section = kTitles[path] ?? (path.startsWith("/reviews/") ? "Review" : "");
    document.title = section ? `${section} · Nectr` : "Nectr";
  }, [path]);
  let content;
  if (me.isLoading) {
    content = <Loading label="Checking who is signed in…" />;
  } else if (me.isError) {
    content = <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  } else if (!me.data) {
    content = <Landing />;
  } else {
    content = <SignedInPage path={path} />;
  }
  return (
    <Layout user={me.data ?? null} theme={theme} onTheme={setTheme} onSignOut={() => logout.mutate()}>
      {content}
    </Layout>
  );
}
