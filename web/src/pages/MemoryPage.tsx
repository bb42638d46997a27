import { useState } from "react";

import { useMemories, useProjectMap } from "../api/hooks";
import { MemoryForm } from "../components/MemoryForm";
import { MemoryList } from "../components/MemoryList";
import { Card, Page } from "../components/Page";
import { RepoPicker, useDefaultRepo } from "../components/RepoPicker";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { Link } from "../router";

function ProjectMapCard({ repo }: { repo: string }) {
  const map = useProjectMap(repo);
  if (map.isLoading) {
    return <Loading label="Loading the project map…" />;
  }
  if (map.isError || !map.data) {
    return <ErrorState error={map.error} onRetry={() => map.refetch()} />;
  }
  const structure = map.data.structure ?? [];
  return (
    <Card title="Project map">
      {structure.length === 0 ? (
        <p className="text-sm">The repository is not indexed yet: its structure shows after the first scan.</p>
      ) : (
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {structure.map((entry) => (
            <li key={entry.directory}>
              <span className="font-mono">{entry.directory || "."}</span>: {entry.files} files
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function MemoryPage() {
  const fallback = useDefaultRepo();
  const [chosen, setChosen] = useState("");
  const repo = chosen || fallback;
  const memories = useMemories(repo);
  return (
    <Page title="Memory" actions={<RepoPicker id="memory-repo" value={repo} onChange={setChosen} />}>
      {repo === "" ? (
        <EmptyState title="Connect a repository first">
          Nectr remembers rules and conventions per repository. <Link to="/repositories">Connect one</Link>.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <Card title="Teach Nectr">
            <MemoryForm repo={repo} />
          </Card>
          <Card title="What Nectr remembers">
            {memories.isLoading && <Loading label="Loading memories…" />}
            {memories.isError && <ErrorState error={memories.error} onRetry={() => memories.refetch()} />}
            {memories.data && memories.data.memories.length === 0 && (
              <EmptyState title="Nothing remembered yet">
                Add a rule above, or reply to Nectr's review comments: it learns from them.
              </EmptyState>
            )}
            {memories.data && memories.data.memories.length > 0 && <MemoryList memories={memories.data.memories} />}
          </Card>
          <ProjectMapCard repo={repo} />
        </div>
      )}
    </Page>
  );
}
