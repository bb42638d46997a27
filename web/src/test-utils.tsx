import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { vi } from "vitest";

import { RouterProvider } from "./router";

export function renderWithProviders(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <RouterProvider>{ui}</RouterProvider>
    </QueryClientProvider>,
  );
}

// Answers fetch() from a table of "METHOD /path" to [status, body]; records the calls.
export function fakeFetch(routes: Record<string, [number, unknown]>) {
  const calls: { method: string; url: string; body?: string }[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    calls.push({ method, url, body: init?.body as string | undefined });
    const path = url.split("?")[0];
    const answer = routes[`${method} ${url}`] ?? routes[`${method} ${path}`];
    if (!answer) {
      return new Response(JSON.stringify({ error: { code: "not_found", message: "no route" } }), { status: 404 });
    }
    const [status, body] = answer;
    return new Response(status === 204 ? null : JSON.stringify(body), { status });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}
