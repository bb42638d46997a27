import { useState } from "react";

import { useCreateToken, useRevokeToken, useTokens } from "../api/hooks";
import { formatDate } from "../format";
import { Badge } from "./Badge";
import { Button } from "./Button";
import { Card } from "./Page";
import { ErrorState, Loading } from "./States";
import { TokenCreated } from "./TokenCreated";

export function TokenSection() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Card title="Personal API tokens">
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
        Tokens let scripts and MCP clients call Nectr's API as you. Send one as
        <code className="mx-1">Authorization: Bearer …</code>.
      </p>
      {secret && <TokenCreated token={secret} onDone={() => setSecret(null)} />}
      <form
        aria-label="Create a token"
        className="my-3 flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(
            { name: name.trim() },
            {
              onSuccess: (created) => {
                setSecret(created.token);
                setName("");
              },
            },
          );
        }}
      >
        <div className="flex flex-col gap-1">
          <label htmlFor="token-name" className="text-sm font-medium">
            Token name
          </label>
          <input
            id="token-name"
            required
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. laptop CLI"
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <Button type="submit" disabled={create.isPending || name.trim() === ""}>
          Create token
        </Button>
      </form>
      {create.isError && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-200">
          {create.error.message}
        </p>
      )}
      {revoke.isError && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-200">
          {revoke.error.message}
        </p>
      )}
      {tokens.isLoading && <Loading label="Loading tokens…" />}
      {tokens.isError && <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} />}
      {tokens.data && tokens.data.tokens.length === 0 && <p className="text-sm">You have no tokens.</p>}
      {tokens.data && tokens.data.tokens.length > 0 && (
        <ul aria-label="Your tokens">
          {tokens.data.tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-3 border-b border-slate-200 py-2 last:border-0 dark:border-slate-800">
              <span className="font-medium">{token.name}</span>
              <code className="text-xs">{token.prefix}…</code>
              <span className="text-xs text-slate-600 dark:text-slate-300">
                created {formatDate(token.created_at)}, last used {formatDate(token.last_used_at)}
              </span>
              {token.revoked ? (
                <span className="ml-auto">
                  <Badge value="revoked" />
                </span>
              ) : (
                <Button
                  variant="danger"
                  className="ml-auto"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(token.id)}
                  aria-label={`Revoke token ${token.name}`}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
