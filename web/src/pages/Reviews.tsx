import { useState } from "react";

import { useReviews } from "../api/hooks";
import type { ReviewFilters } from "../api/types";
import { Page } from "../components/Page";
import { ReviewFilterBar } from "../components/ReviewFilterBar";
import { ReviewTable } from "../components/ReviewTable";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { Link, useLocation } from "../router";

export function Reviews() {
  const { search } = useLocation();
  const [filters, setFilters] = useState<ReviewFilters>({
    repo: search.get("repo") ?? "",
    verdict: search.get("verdict") ?? "",
    status: search.get("status") ?? "",
    author: search.get("author") ?? "",
  });
  const reviews = useReviews(filters);
  const filtered = Object.values(filters).some((value) => value);
  return (
    <Page title="Reviews">
      <ReviewFilterBar filters={filters} onChange={setFilters} />
      {reviews.isLoading && <Loading label="Loading reviews…" />}
      {reviews.isError && <ErrorState error={reviews.error} onRetry={() => reviews.refetch()} />}
      {reviews.data && reviews.data.reviews.length === 0 && (
        <EmptyState title={filtered ? "No review matches these filters" : "No reviews yet"}>
          {filtered ? (
            "Clear a filter to see more."
          ) : (
            <>
              <Link to="/repositories">Connect a repository</Link>, then open a pull request on
              it: its review shows here.
            </>
          )}
        </EmptyState>
      )}
      {reviews.data && reviews.data.reviews.length > 0 && <ReviewTable reviews={reviews.data.reviews} />}
    </Page>
  );
}
