import { useState } from "react";

import { useExperts, useHotFiles, useRelatedPullRequests } from "../api/hooks";
import { Card, Page } from "../components/Page";
import { RepoPicker, useDefaultRepo } from "../components/RepoPicker";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { formatDate } from "../format";
import { Link } from "../router";

function HotFilesCard({ repo, onPick }: { repo: string; onPick: (path: string) => void }) {
  const hot = useHotFiles(repo);
  return (
    <Card title="Hot files (last 90 days)">
      {hot.isLoading && <Loading />}
      {hot.isError && <ErrorState error={hot.error} onRetry={() => hot.refetch()} />}
      {hot.data && hot.data.files.length === 0 && (
        <p className="text-sm">
          {hot.data.indexed ? "No file changed lately." : "Not indexed yet: rescan the repository to build the graph."}
        </p>
      )}
      {hot.data && hot.data.files.length > 0 && (
        <ul className="space-y-1 text-sm">
          {hot.data.files.map((file) => (
            <li key={file.path} className="flex justify-between gap-2">
              <button type="button" className="truncate font-mono underline" onClick={() => onPick(file.path)}>
                {file.path}
              </button>
              <span>{file.changes} changes</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ExpertsCard({ repo, path }: { repo: string; path: string }) {
  const experts = useExperts(repo, path);
  if (path === "") {
    return (
      <Card title="Experts">
        <p className="text-sm">Pick a file, or type a path above, to see who knows it best.</p>
      </Card>
    );
  }
  return (
    <Card title={`Experts on ${path}`}>
      {experts.isLoading && <Loading />}
      {experts.isError && <ErrorState error={experts.error} onRetry={() => experts.refetch()} />}
      {experts.data && experts.data.experts.length === 0 && <p className="text-sm">No experts known yet.</p>}
      {experts.data && experts.data.experts.length > 0 && (
        <ul className="space-y-1 text-sm">
          {experts.data.experts.map((expert) => (
            <li key={expert.login}>
              {expert.login}: {expert.changes} changes in {expert.files} files
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function PullRequestsCard({ repo, path }: { repo: string; path: string }) {
  const related = useRelatedPullRequests(repo, path);
  if (path === "") {
    return (
      <Card title="Recent pull requests touching a file">
        <p className="text-sm">Pick a file, or type a path above.</p>
      </Card>
    );
  }
  return (
    <Card title={`Recent pull requests touching ${path}`}>
      {related.isLoading && <Loading />}
      {related.isError && <ErrorState error={related.error} onRetry={() => related.refetch()} />}
      {related.data && related.data.pull_requests.length === 0 && <p className="text-sm">None found.</p>}
      {related.data && related.data.pull_requests.length > 0 && (
        <ul className="space-y-1 text-sm">
          {related.data.pull_requests.map((pr) => (
            <li key={pr.number}>
              #{pr.number} {pr.title ?? ""} ({pr.state ?? "?"}, {formatDate(pr.updated_at)})
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function GraphPage() {
  const fallback = useDefaultRepo();
  const [chosen, setChosen] = useState("");
  const [path, setPath] = useState("");
  const repo = chosen || fallback;
  return (
    <Page title="Knowledge graph" actions={<RepoPicker id="graph-repo" value={repo} onChange={setChosen} />}>
      {repo === "" ? (
        <EmptyState title="Connect a repository first">
          The graph is built from a connected repository's history. <Link to="/repositories">Connect one</Link>.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <div className="flex items-center gap-2">
            <label htmlFor="graph-path" className="text-sm font-medium">
              File or directory
            </label>
            <input
              id="graph-path"
              value={path}
              onChange={(event) => setPath(event.target.value.trim())}
              placeholder="src/"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
            />
          </div>
          <div className="grid gap-4 lg:grid-cols-3">
            <HotFilesCard repo={repo} onPick={setPath} />
            <ExpertsCard repo={repo} path={path} />
            <PullRequestsCard repo={repo} path={path} />
          </div>
        </div>
      )}
    </Page>
  );
}
