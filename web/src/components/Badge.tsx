const kTones: Record<string, string> = {
  APPROVE: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  REQUEST_CHANGES: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  NEEDS_DISCUSSION: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  posted: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  ok: "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  critical: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  high: "bg-orange-100 text-orange-900 dark:bg-orange-900 dark:text-orange-100",
};

const kNeutral = "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100";

// A short label whose colour follows its value; the text carries the meaning.
export function Badge({ value }: { value: string }) {
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${kTones[value] ?? kNeutral}`}>
      {value.replaceAll("_", " ").toLowerCase()}
    </span>
  );
}
