import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { App } from "./App";
import { fakeFetch, renderWithProviders } from "./test-utils";

afterEach(() => vi.unstubAllGlobals());

describe("App", () => {
  it("shows the landing page with the GitHub sign-in to signed-out visitors", async () => {
    fakeFetch({ "GET /auth/me": [401, { error: { code: "unauthorized", message: "sign in" } }] });
    renderWithProviders(<App />);
    expect(await screen.findByRole("button", { name: "Sign in with GitHub" })).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Main" })).toBeNull();
  });

  it("shows the navigation and the signed-in user", async () => {
    fakeFetch({
      "GET /auth/me": [200, { id: 1, login: "octocat", name: null, email: null, avatar_url: null }],
      "GET /api/v1/repos": [200, { repositories: [], truncated: false }],
    });
    renderWithProviders(<App />);
    expect(await screen.findByRole("navigation", { name: "Main" })).toBeInTheDocument();
    expect(screen.getByText("octocat")).toBeInTheDocument();
    expect(await screen.findByText("GitHub lists no repositories for you")).toBeInTheDocument();
  });
});
