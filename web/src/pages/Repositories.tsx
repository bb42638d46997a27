import { useRepoAction, useRepositories } from "../api/hooks";
import type { Repository } from "../api/types";
import { Badge } from "../components/Badge";
import { Button } from "../components/Button";
import { Page } from "../components/Page";
import { EmptyState, ErrorState, Loading } from "../components/States";

function IndexStatus({ repo }: { repo: Repository }) {
  if (!repo.index) {
    return null;
  }
  const status = typeof repo.index.status === "string" ? repo.index.status : "unknown";
  return (
    <span className="text-xs text-slate-600 dark:text-slate-300">
      Index: {status}
      {typeof repo.index.files === "number" ? `, ${repo.index.files} files` : ""}
    </span>
  );
}

function RepoRow({ repo }: { repo: Repository }) {
  const action = useRepoAction();
  const canConnect = repo.permissions?.admin ?? false;
  return (
    <li className="flex flex-wrap items-center gap-3 border-b border-slate-200 py-3 last:border-0 dark:border-slate-800">
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {repo.html_url ? <a href={repo.html_url}>{repo.full_name}</a> : repo.full_name}
          {repo.private && <span className="ml-2 text-xs text-slate-600 dark:text-slate-300">private</span>}
        </p>
        <div className="mt-1 flex flex-wrap gap-2">
          <Badge value={repo.connected ? "connected" : "not connected"} />
          {repo.on_github === false && <Badge value="gone from GitHub" />}
          <IndexStatus repo={repo} />
        </div>
      </div>
      <div className="flex gap-2">
        {repo.connected ? (
          <>
            <Button
              variant="secondary"
              disabled={action.isPending}
              onClick={() => action.mutate({ repo: repo.full_name, action: "rescan" })}
              aria-label={`Rescan ${repo.full_name}`}
            >
              Rescan
            </Button>
            <Button
              variant="danger"
              disabled={action.isPending}
              onClick={() => action.mutate({ repo: repo.full_name, action: "uninstall" })}
              aria-label={`Disconnect ${repo.full_name}`}
            >
              Disconnect
            </Button>
          </>
        ) : (
          <Button
            disabled={action.isPending || !canConnect}
            title={canConnect ? undefined : "Connecting needs admin rights on the repository"}
            onClick={() => action.mutate({ repo: repo.full_name, action: "install" })}
            aria-label={`Connect ${repo.full_name}`}
          >
            {action.isPending ? "Connecting…" : "Connect"}
          </Button>
        )}
      </div>
      {action.isError && (
        <p role="alert" className="w-full text-sm text-red-800 dark:text-red-200">
          {action.error.message}
        </p>
      )}
    </li>
  );
}

export function Repositories() {
  const repos = useRepositories();
  return (
    <Page title="Repositories">
      {repos.isLoading && <Loading label="Loading your repositories…" />}
      {repos.isError && <ErrorState error={repos.error} onRetry={() => repos.refetch()} />}
      {repos.data && repos.data.repositories.length === 0 && (
        <EmptyState title="GitHub lists no repositories for you">
          Create a repository on GitHub or ask for admin access to one, then reload this page.
        </EmptyState>
      )}
      {repos.data && repos.data.repositories.length > 0 && (
        <>
          {!repos.data.repositories.some((repo) => repo.connected) && (
            <EmptyState title="No repository is connected yet">
              Connect one below: Nectr adds a webhook and reviews its next pull request.
            </EmptyState>
          )}
          <ul aria-label="Your repositories">
            {repos.data.repositories.map((repo) => (
              <RepoRow key={repo.full_name} repo={repo} />
            ))}
          </ul>
          {repos.data.truncated && (
            <p className="mt-2 text-sm">GitHub listed only part of your repositories.</p>
          )}
        </>
      )}
    </Page>
  );
}
