import { useState } from "react";

import { useDeleteMemory, useUpdateMemory } from "../api/hooks";
import type { Memory } from "../api/types";
import { Badge } from "./Badge";
import { Button } from "./Button";

function MemoryItem({ memory }: { memory: Memory }) {
  const remove = useDeleteMemory();
  const update = useUpdateMemory();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(memory.content);
  return (
    <li className="flex flex-wrap items-start gap-3 border-b border-slate-200 py-3 last:border-0 dark:border-slate-800">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap gap-2">
          <Badge value={memory.type} />
          <span className="text-xs text-slate-600 dark:text-slate-300">
            {memory.source}, used {memory.hits} times
          </span>
        </div>
        {editing ? (
          <form
            className="mt-2 flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              update.mutate({ id: memory.id, content: draft }, { onSuccess: () => setEditing(false) });
            }}
          >
            <label htmlFor={`memory-edit-${memory.id}`} className="sr-only">
              Memory text
            </label>
            <input
              id={`memory-edit-${memory.id}`}
              className="flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <Button type="submit" disabled={update.isPending}>
              Save
            </Button>
          </form>
        ) : (
          <p className="mt-1 text-sm">{memory.content}</p>
        )}
        {(remove.isError || update.isError) && (
          <p role="alert" className="text-sm text-red-800 dark:text-red-200">
            {(remove.error ?? update.error)?.message}
          </p>
        )}
      </div>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => setEditing(!editing)} aria-label={`Edit memory: ${memory.content}`}>
          {editing ? "Cancel" : "Edit"}
        </Button>
        <Button
          variant="danger"
          disabled={remove.isPending}
          onClick={() => remove.mutate(memory.id)}
          aria-label={`Delete memory: ${memory.content}`}
        >
          Delete
        </Button>
      </div>
    </li>
  );
}

export function MemoryList({ memories }: { memories: Memory[] }) {
  return (
    <ul aria-label="Memories">
      {memories.map((memory) => (
        <MemoryItem key={memory.id} memory={memory} />
      ))}
    </ul>
  );
}
