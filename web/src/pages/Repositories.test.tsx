import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeFetch, renderWithProviders } from "../test-utils";
import { Repositories } from "./Repositories";

const kRepo = {
  full_name: "octo/app",
  name: "app",
  owner: "octo",
  private: false,
  archived: false,
  html_url: "https://github.com/octo/app",
  permissions: { admin: true, push: true },
  on_github: true,
  connected: false,
  installation: null,
};

afterEach(() => vi.unstubAllGlobals());

describe("Repositories", () => {
  it("tells a new user to connect a repository and connects one", async () => {
    const calls = fakeFetch({
      "GET /api/v1/repos": [200, { repositories: [kRepo], truncated: false }],
      "POST /api/v1/repos/octo/app/install": [201, { installation: {} }],
    });
    renderWithProviders(<Repositories />);
    expect(await screen.findByText("No repository is connected yet")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Connect octo/app" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
  });

  it("shows the server's error when connecting fails", async () => {
    fakeFetch({
      "GET /api/v1/repos": [200, { repositories: [kRepo], truncated: false }],
      "POST /api/v1/repos/octo/app/install": [403, { error: { code: "forbidden", message: "admin rights needed" } }],
    });
    renderWithProviders(<Repositories />);
    fireEvent.click(await screen.findByRole("button", { name: "Connect octo/app" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("admin rights needed");
  });

  it("shows the index status when the listing carries one", async () => {
    fakeFetch({
      "GET /api/v1/repos": [
        200,
        { repositories: [{ ...kRepo, connected: true, index: { status: "ready", files: 12 } }], truncated: false },
      ],
    });
    renderWithProviders(<Repositories />);
    expect(await screen.findByText("Index: ready, 12 files")).toBeInTheDocument();
  });

  it("shows a load failure with a way to try again", async () => {
    fakeFetch({ "GET /api/v1/repos": [503, { error: { code: "unavailable", message: "database down" } }] });
    renderWithProviders(<Repositories />);
    expect(await screen.findByRole("alert")).toHaveTextContent("database down");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });
});
