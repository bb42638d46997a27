import type { ContextSource } from "../api/types";
import { Badge } from "./Badge";

// Which integrations fed the review's context, how many items each gave, and why one that
// gave nothing was skipped or failed.
export function ContextSources({ sources }: { sources: ContextSource[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Context from integrations</caption>
      <thead>
        <tr>
          <th scope="col" className="py-1 pr-4">Integration</th>
          <th scope="col" className="py-1 pr-4">Status</th>
          <th scope="col" className="py-1 pr-4">Items</th>
          <th scope="col" className="py-1">Detail</th>
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => (
          <tr key={source.name} className="border-t border-slate-200 dark:border-slate-700">
            <td className="py-1 pr-4 font-medium">{source.name}</td>
            <td className="py-1 pr-4">
              <Badge value={source.status} />
            </td>
            <td className="py-1 pr-4">{source.items}</td>
            <td className="py-1">{source.detail || "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
