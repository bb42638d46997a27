import type { ReviewSummary } from "../api/types";
import { formatCost, formatDate } from "../format";
import { Link } from "../router";
import { Badge } from "./Badge";

export function ReviewTable({ reviews }: { reviews: ReviewSummary[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Reviews, newest first</caption>
        <thead className="border-b border-slate-300 dark:border-slate-700">
          <tr>
            <th scope="col" className="py-2 pr-3">Pull request</th>
            <th scope="col" className="py-2 pr-3">Author</th>
            <th scope="col" className="py-2 pr-3">Status</th>
            <th scope="col" className="py-2 pr-3">Verdict</th>
            <th scope="col" className="py-2 pr-3">Comments</th>
            <th scope="col" className="py-2 pr-3">Cost</th>
            <th scope="col" className="py-2">Created</th>
          </tr>
        </thead>
        <tbody>
          {reviews.map((review) => (
            <tr key={review.id} className="border-b border-slate-200 dark:border-slate-800">
              <td className="py-2 pr-3">
                <Link to={`/reviews/${review.id}`}>
                  {review.repo}#{review.pr_number}
                  {review.pr_title ? `: ${review.pr_title}` : ""}
                </Link>
              </td>
              <td className="py-2 pr-3">{review.author ?? "—"}</td>
              <td className="py-2 pr-3">
                <Badge value={review.status} />
              </td>
              <td className="py-2 pr-3">{review.verdict ? <Badge value={review.verdict} /> : "—"}</td>
              <td className="py-2 pr-3">{review.comment_counts.total}</td>
              <td className="py-2 pr-3">{formatCost(review.cost_usd)}</td>
              <td className="py-2">{formatDate(review.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
