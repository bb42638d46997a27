import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { TokenCreated } from "./TokenCreated";

describe("TokenCreated", () => {
  it("shows the secret once, labelled, and copies it", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const done = vi.fn();
    render(<TokenCreated token="nectr_pat_secret" onDone={done} />);
    expect(screen.getByLabelText("New API token")).toHaveValue("nectr_pat_secret");
    expect(screen.getByText(/will not be shown again/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByRole("button", { name: "Copied" })).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith("nectr_pat_secret");
    fireEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(done).toHaveBeenCalled();
  });
});
