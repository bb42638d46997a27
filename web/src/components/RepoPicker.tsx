import { useRepositories } from "../api/hooks";

// A select of the user's connected repositories; `allowAll` adds "All repositories" ("").
export function RepoPicker({
  value,
  onChange,
  allowAll = false,
  id = "repo-picker",
}: {
  value: string;
  onChange: (repo: string) => void;
  allowAll?: boolean;
  id?: string;
}) {
  const repos = useRepositories();
  const connected = (repos.data?.repositories ?? []).filter((repo) => repo.connected);
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        Repository
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
      >
        {allowAll && <option value="">All repositories</option>}
        {!allowAll && value === "" && <option value="">Choose a repository</option>}
        {connected.map((repo) => (
          <option key={repo.full_name} value={repo.full_name}>
            {repo.full_name}
          </option>
        ))}
      </select>
      {repos.isLoading && <span className="text-sm">Loading repositories…</span>}
    </div>
  );
}

// The first connected repository, so pages that need one can start with it.
export function useDefaultRepo(): string {
  const repos = useRepositories();
  return repos.data?.repositories.find((repo) => repo.connected)?.full_name ?? "";
}
