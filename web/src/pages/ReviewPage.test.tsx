import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import { fakeFetch, renderWithProviders } from "../test-utils";
import { ReviewPage } from "./ReviewPage";

const kReview = {
  id: 42,
  repo: "octo/app",
  pr_number: 7,
  pr_title: "Add greeting",
  author: "mona",
  head_sha: "abc",
  status: "failed",
  verdict: null,
  summary: null,
  comment_counts: { total: 0, posted_inline: 0, by_severity: {} },
  model: "model-x",
  input_tokens: 1200,
  output_tokens: 150,
  cost_usd: 0.0125,
  duration_ms: 4100,
  created_at: "2024-03-10T12:00:00Z",
  completed_at: null,
  html_url: "https://github.com/octo/app/pull/7",
  body: null,
  provider: "openai",
  error: "the model timed out",
  comments: [],
  llm_calls: [],
};

afterEach(() => vi.unstubAllGlobals());

describe("ReviewPage", () => {
  it("shows why a review failed and queues it again", async () => {
    const calls = fakeFetch({
      "GET /api/v1/reviews/42": [200, kReview],
      "POST /api/v1/reviews/42/retry": [202, { job_id: 9, review_id: 42 }],
    });
    renderWithProviders(<ReviewPage id={42} />);
    expect(await screen.findByText("the model timed out")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Open the pull request on GitHub" })).toHaveAttribute(
      "href",
      "https://github.com/octo/app/pull/7",
    );
    expect(screen.getByText("1,200 in, 150 out")).toBeInTheDocument();
    expect(screen.getByText("4.1 s")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Retry review" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/retry"))).toBe(true));
    expect(await screen.findByRole("button", { name: "Queued again" })).toBeDisabled();
  });

  it("says which integrations gave context and which failed", async () => {
    fakeFetch({
      "GET /api/v1/reviews/43": [
        200,
        {
          ...kReview,
          id: 43,
          status: "posted",
          error: null,
          context_sources: [
            { name: "linear", status: "ok", items: 2, detail: "" },
            { name: "sentry", status: "failed", items: 0, detail: "timed out after 3000 ms" },
          ],
        },
      ],
    });
    renderWithProviders(<ReviewPage id={43} />);
    const table = await screen.findByRole("table", { name: "Context from integrations" });
    expect(table).toHaveTextContent("linear");
    expect(table).toHaveTextContent("sentry");
    expect(table).toHaveTextContent("timed out after 3000 ms");
    expect(screen.getByText("failed")).toBeInTheDocument();
  });

  it("shows no integrations section when none was asked", async () => {
    fakeFetch({ "GET /api/v1/reviews/44": [200, { ...kReview, id: 44, status: "posted", error: null }] });
    renderWithProviders(<ReviewPage id={44} />);
    expect(await screen.findByText("1,200 in, 150 out")).toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Context from integrations" })).toBeNull();
  });

  it("shows a review that cannot be read as an error", async () => {
    fakeFetch({});
    renderWithProviders(<ReviewPage id={5} />);
    expect(await screen.findByRole("alert")).toHaveTextContent("no route");
  });
});
