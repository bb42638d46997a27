import type { ReviewFilters } from "../api/types";
import { RepoPicker } from "./RepoPicker";

const kSelect =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

export function ReviewFilterBar({
  filters,
  onChange,
}: {
  filters: ReviewFilters;
  onChange: (filters: ReviewFilters) => void;
}) {
  return (
    <form
      role="search"
      aria-label="Filter reviews"
      className="mb-4 flex flex-wrap items-center gap-4"
      onSubmit={(event) => event.preventDefault()}
    >
      <RepoPicker
        id="filter-repo"
        allowAll
        value={filters.repo ?? ""}
        onChange={(repo) => onChange({ ...filters, repo })}
      />
      <div className="flex items-center gap-2">
        <label htmlFor="filter-verdict" className="text-sm font-medium">
          Verdict
        </label>
        <select
          id="filter-verdict"
          className={kSelect}
          value={filters.verdict ?? ""}
          onChange={(event) => onChange({ ...filters, verdict: event.target.value })}
        >
          <option value="">Any</option>
          <option value="APPROVE">Approve</option>
          <option value="REQUEST_CHANGES">Request changes</option>
          <option value="NEEDS_DISCUSSION">Needs discussion</option>
        </select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="filter-status" className="text-sm font-medium">
          Status
        </label>
        <select
          id="filter-status"
          className={kSelect}
          value={filters.status ?? ""}
          onChange={(event) => onChange({ ...filters, status: event.target.value })}
        >
          <option value="">Any</option>
          <option value="running">Running</option>
          <option value="ready">Ready</option>
          <option value="posted">Posted</option>
          <option value="skipped">Skipped</option>
          <option value="failed">Failed</option>
        </select>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor="filter-author" className="text-sm font-medium">
          Author
        </label>
        <input
          id="filter-author"
          className={kSelect}
          placeholder="GitHub login"
          value={filters.author ?? ""}
          onChange={(event) => onChange({ ...filters, author: event.target.value.trim() })}
        />
      </div>
    </form>
  );
}
