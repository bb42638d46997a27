import { useState } from "react";

import { useAddMemory } from "../api/hooks";
import { Button } from "./Button";

export const kMemoryTypes = [
  ["project_rule", "Project rule"],
  ["convention", "Convention"],
  ["preference", "Preference"],
  ["developer_habit", "Developer habit"],
  ["accepted_false_positive", "Accepted false positive"],
] as const;

const kField =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";

export function MemoryForm({ repo }: { repo: string }) {
  const add = useAddMemory();
  const [type, setType] = useState<string>("project_rule");
  const [content, setContent] = useState("");
  return (
    <form
      aria-label="Add a memory"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ repo, type, content }, { onSuccess: () => setContent("") });
      }}
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="memory-type" className="text-sm font-medium">
          Type
        </label>
        <select id="memory-type" className={kField} value={type} onChange={(e) => setType(e.target.value)}>
          {kMemoryTypes.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-w-64 flex-1 flex-col gap-1">
        <label htmlFor="memory-content" className="text-sm font-medium">
          What Nectr should remember
        </label>
        <input
          id="memory-content"
          className={kField}
          required
          value={content}
          onChange={(e) => setContent(e.target.value)}
          placeholder="e.g. Never log request bodies"
        />
      </div>
      <Button type="submit" disabled={add.isPending || content.trim() === ""}>
        Add memory
      </Button>
      {add.isError && (
        <p role="alert" className="w-full text-sm text-red-800 dark:text-red-200">
          {add.error.message}
        </p>
      )}
    </form>
  );
}
