import type { ReviewComment } from "../api/types";
import { Badge } from "./Badge";

function lines(comment: ReviewComment): string {
  if (comment.line === null) {
    return "file";
  }
  if (comment.start_line !== null && comment.start_line !== comment.line) {
    return `lines ${comment.start_line}–${comment.line}`;
  }
  return `line ${comment.line}`;
}

// Groups comments by file, in path order, each file's comments by line.
export function groupByFile(comments: ReviewComment[]): [string, ReviewComment[]][] {
  const files = new Map<string, ReviewComment[]>();
  for (const comment of comments) {
    files.set(comment.path, [...(files.get(comment.path) ?? []), comment]);
  }
  return [...files.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, list]) => [path, list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))]);
}

export function CommentsByFile({ comments }: { comments: ReviewComment[] }) {
  return (
    <div className="space-y-4">
      {groupByFile(comments).map(([path, list]) => (
        <section key={path} aria-label={`Comments on ${path}`}>
          <h3 className="font-mono text-sm font-semibold">{path}</h3>
          <ul className="mt-2 space-y-2">
            {list.map((comment) => (
              <li key={comment.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <div className="flex flex-wrap items-center gap-2 text-xs">
                  <span className="font-mono">{lines(comment)}</span>
                  {comment.severity && <Badge value={comment.severity} />}
                  {comment.category && <span>{comment.category}</span>}
                </div>
                <p className="mt-2 whitespace-pre-wrap text-sm">{comment.body}</p>
                {comment.suggestion && (
                  <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                    {comment.suggestion}
                  </pre>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
