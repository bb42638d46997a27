import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { ReviewComment } from "../api/types";
import { CommentsByFile, groupByFile } from "./CommentsByFile";

function comment(id: number, path: string, line: number | null, start: number | null = null): ReviewComment {
  return {
    id,
    path,
    line,
    start_line: start,
    side: "RIGHT",
    severity: "high",
    category: "bug",
    body: `comment ${id}`,
    suggestion: null,
    posted_inline: true,
    source: "llm",
    created_at: "2024-03-10T12:00:00Z",
  };
}

describe("CommentsByFile", () => {
  it("groups comments by file in path order and sorts them by line", () => {
    const groups = groupByFile([comment(1, "b.cpp", 9), comment(2, "a.cpp", 3), comment(3, "b.cpp", 2)]);
    expect(groups.map(([path]) => path)).toEqual(["a.cpp", "b.cpp"]);
    expect(groups[1][1].map((c) => c.id)).toEqual([3, 1]);
  });

  it("shows each file with its comments and their lines", () => {
    render(<CommentsByFile comments={[comment(1, "src/x.ts", 12, 10), comment(2, "src/x.ts", null)]} />);
    const file = screen.getByRole("region", { name: "Comments on src/x.ts" });
    expect(within(file).getByText("lines 10–12")).toBeInTheDocument();
    expect(within(file).getByText("file")).toBeInTheDocument();
    expect(within(file).getByText("comment 1")).toBeInTheDocument();
  });
});
