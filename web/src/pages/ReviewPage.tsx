import { useRetryReview, useReview } from "../api/hooks";
import type { ReviewDetail } from "../api/types";
import { Badge } from "../components/Badge";
import { Button } from "../components/Button";
import { CommentsByFile } from "../components/CommentsByFile";
import { ContextSources } from "../components/ContextSources";
import { Card, Page } from "../components/Page";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { formatCost, formatDate, formatDuration, formatNumber } from "../format";

function Facts({ review }: { review: ReviewDetail }) {
  const facts: [string, string][] = [
    ["Status", review.status],
    ["Model", review.model ?? "—"],
    ["Tokens", `${formatNumber(review.input_tokens)} in, ${formatNumber(review.output_tokens)} out`],
    ["Cost", formatCost(review.cost_usd)],
    ["Duration", formatDuration(review.duration_ms)],
    ["Created", formatDate(review.created_at)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt className="text-slate-600 dark:text-slate-300">{term}</dt>
          <dd className="font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Failure({ review }: { review: ReviewDetail }) {
  const retry = useRetryReview(review.id);
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <p className="font-medium">This review failed.</p>
      <p className="mt-1 text-sm">{review.error ?? "No reason was recorded."}</p>
      <Button className="mt-3" disabled={retry.isPending || retry.isSuccess} onClick={() => retry.mutate()}>
        {retry.isSuccess ? "Queued again" : retry.isPending ? "Queuing…" : "Retry review"}
      </Button>
      {retry.isError && <p className="mt-2 text-sm">{retry.error.message}</p>}
    </div>
  );
}

export function ReviewPage({ id }: { id: number }) {
  const review = useReview(id);
  if (review.isLoading) {
    return <Loading label="Loading the review…" />;
  }
  if (review.isError || !review.data) {
    return <ErrorState error={review.error} onRetry={() => review.refetch()} />;
  }
  const data = review.data;
  return (
    <Page
      title={`${data.repo}#${data.pr_number}${data.pr_title ? ": " + data.pr_title : ""}`}
      actions={<a href={data.html_url}>Open the pull request on GitHub</a>}
    >
      <div className="space-y-4">
        {data.status === "failed" && <Failure review={data} />}
        <Card>
          <div className="mb-3 flex items-center gap-2">
            <span className="text-sm">Verdict:</span>
            {data.verdict ? <Badge value={data.verdict} /> : <span>none yet</span>}
            {data.author && <span className="text-sm">by {data.author}</span>}
          </div>
          <Facts review={data} />
        </Card>
        <Card title="Summary">
          <p className="whitespace-pre-wrap text-sm">{data.summary ?? "No summary."}</p>
        </Card>
        <Card title={`Inline comments (${data.comments.length})`}>
          {data.comments.length === 0 ? (
            <EmptyState title="No inline comments" />
          ) : (
            <CommentsByFile comments={data.comments} />
          )}
        </Card>
        {data.context_sources && data.context_sources.length > 0 && (
          <Card title="Context from integrations">
            <ContextSources sources={data.context_sources} />
          </Card>
        )}
      </div>
    </Page>
  );
}
