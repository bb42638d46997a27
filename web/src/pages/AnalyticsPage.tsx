import { useState } from "react";

import { useAnalytics } from "../api/hooks";
import type { Analytics } from "../api/types";
import { ReviewsPerDayChart, SeverityChart, TokensCostChart, VerdictChart } from "../components/Charts";
import { Card, Page } from "../components/Page";
import { RepoPicker } from "../components/RepoPicker";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { formatCost, formatDuration, formatNumber } from "../format";
import { Link } from "../router";

function Totals({ data }: { data: Analytics }) {
  const totals: [string, string][] = [
    ["Pull requests reviewed", formatNumber(data.prs_reviewed)],
    ["Reviews posted", formatNumber(data.posted_reviews)],
    ["Median time to review", formatDuration(data.time_to_review_ms.median)],
    ["Tokens", formatNumber(data.input_tokens + data.output_tokens)],
    ["Cost", formatCost(data.cost_usd)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5">
      {totals.map(([term, value]) => (
        <Card key={term}>
          <dt className="text-sm text-slate-600 dark:text-slate-300">{term}</dt>
          <dd className="text-xl font-semibold">{value}</dd>
        </Card>
      ))}
    </dl>
  );
}

function TopContributors({ data }: { data: Analytics }) {
  if (data.top_authors.length === 0) {
    return <p className="text-sm">No contributors yet.</p>;
  }
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Top contributors by pull requests</caption>
      <thead>
        <tr>
          <th scope="col">Author</th>
          <th scope="col">Pull requests</th>
          <th scope="col">Reviews</th>
        </tr>
      </thead>
      <tbody>
        {data.top_authors.map((author) => (
          <tr key={author.author}>
            <td>{author.author}</td>
            <td>{author.prs}</td>
            <td>{author.reviews}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AnalyticsPage() {
  const [repo, setRepo] = useState("");
  const analytics = useAnalytics(repo);
  const data = analytics.data;
  return (
    <Page title="Analytics" actions={<RepoPicker id="analytics-repo" allowAll value={repo} onChange={setRepo} />}>
      {analytics.isLoading && <Loading label="Loading analytics…" />}
      {analytics.isError && <ErrorState error={analytics.error} onRetry={() => analytics.refetch()} />}
      {data && data.reviews === 0 && (
        <EmptyState title="Nothing to chart yet">
          Analytics fill in as Nectr reviews pull requests. <Link to="/repositories">Connect a repository</Link> to
          start.
        </EmptyState>
      )}
      {data && data.reviews > 0 && (
        <div className="space-y-4">
          <Totals data={data} />
          <div className="grid gap-4 lg:grid-cols-2">
            <Card title="Verdicts">
              <VerdictChart data={data} />
            </Card>
            <Card title="Reviews per day">
              <ReviewsPerDayChart data={data} />
            </Card>
            <Card title="Comments by severity">
              <SeverityChart data={data} />
            </Card>
            <Card title="Tokens and cost">
              <TokensCostChart data={data} />
            </Card>
            <Card title="Top contributors">
              <TopContributors data={data} />
            </Card>
          </div>
        </div>
      )}
    </Page>
  );
}
