import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeFetch, renderWithProviders } from "../test-utils";
import { Reviews } from "./Reviews";

afterEach(() => vi.unstubAllGlobals());

describe("Reviews", () => {
  it("tells a new user how reviews arrive", async () => {
    fakeFetch({
      "GET /api/v1/reviews": [200, { reviews: [], next_cursor: null }],
      "GET /api/v1/repos": [200, { repositories: [], truncated: false }],
    });
    renderWithProviders(<Reviews />);
    expect(await screen.findByText("No reviews yet")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Connect a repository" })).toHaveAttribute("href", "/repositories");
  });

  it("sends the chosen filters to the API", async () => {
    const calls = fakeFetch({
      "GET /api/v1/reviews": [200, { reviews: [], next_cursor: null }],
      "GET /api/v1/repos": [200, { repositories: [], truncated: false }],
    });
    renderWithProviders(<Reviews />);
    fireEvent.change(await screen.findByLabelText("Verdict"), { target: { value: "APPROVE" } });
    fireEvent.change(screen.getByLabelText("Status"), { target: { value: "failed" } });
    await waitFor(() =>
      expect(calls.some((c) => c.url.includes("verdict=APPROVE") && c.url.includes("status=failed"))).toBe(true),
    );
    expect(await screen.findByText("No review matches these filters")).toBeInTheDocument();
  });
});
