import { useStatus } from "../api/hooks";
import { Card } from "./Page";
import { ErrorState, Loading } from "./States";

function Row({ label, ok, detail }: { label: string; ok: boolean; detail: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2 py-1">
      <dt className="w-40 font-medium">{label}</dt>
      <dd className="flex items-center gap-2">
        <span aria-hidden="true" className={ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}>
          ●
        </span>
        <span>
          {ok ? "OK" : "Needs attention"}: {detail}
        </span>
      </dd>
    </div>
  );
}

export function StatusSection() {
  const status = useStatus();
  if (status.isLoading) {
    return <Loading label="Checking the service…" />;
  }
  if (status.isError || !status.data) {
    return <ErrorState error={status.error} onRetry={() => status.refetch()} />;
  }
  const { llm, database, queue, integrations } = status.data;
  return (
    <>
      <Card title="Service status">
        <dl className="text-sm">
          <Row
            label="Language model"
            ok={llm.configured}
            detail={llm.configured ? `${llm.provider} ${llm.model}` : "no provider configured: reviews use the offline analyzers only"}
          />
          <Row label="Database" ok={database.ok} detail={database.engine} />
          <Row
            label="Job queue"
            ok={queue !== null && queue.dead === 0}
            detail={
              queue === null
                ? "unknown"
                : `${queue.depth} waiting or running, oldest ${queue.oldest_age_s} s, ${queue.dead} dead`
            }
          />
        </dl>
      </Card>
      <Card title="MCP integrations">
        {integrations.length === 0 ? (
          <p className="text-sm">No MCP integrations are configured.</p>
        ) : (
          <ul className="text-sm">
            {integrations.map((integration, index) => (
              <li key={String(integration.name ?? index)}>
                {String(integration.name ?? "integration")}: {String(integration.status ?? "unknown")}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
