// The shapes of Nectr's JSON answers, as the server documents them.

export interface User {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatar_url: string | null;
}

export interface Installation {
  id?: number;
  repo_full_name?: string;
  is_active?: boolean;
  installed_at?: string;
  [key: string]: unknown;
}

export interface RepoIndexStatus {
  status?: string;
  files?: number;
  updated_at?: string | null;
  [key: string]: unknown;
}

export interface Repository {
  full_name: string;
  name: string | null;
  owner: string | null;
  private: boolean | null;
  archived: boolean | null;
  html_url: string | null;
  permissions: { admin: boolean; push: boolean } | null;
  on_github: boolean | null;
  connected: boolean;
  installation: Installation | null;
  index?: RepoIndexStatus | null;
}

export interface RepositoryList {
  repositories: Repository[];
  truncated: boolean;
}

export type Severity = "critical" | "high" | "medium" | "low" | "info";

export interface ReviewSummary {
  id: number;
  repo: string;
  pr_number: number;
  pr_title: string | null;
  author: string | null;
  head_sha: string | null;
  status: string;
  verdict: string | null;
  summary: string | null;
  comment_counts: { total: number; posted_inline: number; by_severity: Record<string, number> };
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  duration_ms: number | null;
  created_at: string;
  completed_at: string | null;
  html_url: string;
}

export interface ReviewPage {
  reviews: ReviewSummary[];
  next_cursor: string | null;
}

export interface ReviewComment {
  id: number;
  path: string;
  line: number | null;
  start_line: number | null;
  side: string;
  severity: string;
  category: string | null;
  body: string;
  suggestion: string | null;
  posted_inline: boolean;
  source: string;
  created_at: string;
}

export interface LlmCall {
  id: number;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  latency_ms: number;
}

// What one MCP integration (Linear, Sentry, Slack...) gave the review's context.
export interface ContextSource {
  name: string;
  status: "ok" | "skipped" | "failed";
  items: number;
  detail: string;
}

export interface ReviewDetail extends ReviewSummary {
  body: string | null;
  provider: string | null;
  error: string | null;
  comments: ReviewComment[];
  llm_calls: LlmCall[];
  context_sources?: ContextSource[];
}

export interface ReviewFilters {
  repo?: string;
  status?: string;
  verdict?: string;
  author?: string;
}

export interface DayFigures {
  date: string;
  reviews: number;
  posted: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface Analytics {
  repo: string | null;
  since: string;
  until: string;
  prs_reviewed: number;
  reviews: number;
  posted_reviews: number;
  verdicts: Record<string, number>;
  top_authors: { author: string; prs: number; reviews: number }[];
  per_day: DayFigures[];
  time_to_review_ms: { median: number | null; samples: number };
  comments_by_severity: Record<string, { total: number; per_review: number }>;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

export interface Memory {
  id: number;
  repository: string;
  scope: string;
  developer: string | null;
  type: string;
  content: string;
  source: string;
  confidence: number;
  hits: number;
  created_at: string;
  updated_at: string;
}

export interface MemoryPage {
  memories: Memory[];
  next_cursor: string | null;
}

export interface ProjectMap {
  repository: string;
  rules: Memory[];
  conventions: Memory[];
  preferences: Memory[];
  structure: { directory: string; files: number; languages: { language: string; files: number }[] }[] | null;
  hot_spots: { path: string; language: string; lines: number; updated_at: string }[] | null;
}

export interface HotFile {
  path: string;
  changes: number;
  churn: number;
  authors: number;
  last_changed_at: string | null;
}

export interface HotFiles {
  repository: string;
  indexed: boolean;
  files: HotFile[];
}

export interface Expert {
  login: string;
  name: string | null;
  score: number;
  changes: number;
  files: number;
  last_changed_at: string | null;
}

export interface Experts {
  repository: string;
  indexed: boolean;
  experts: Expert[];
}

export interface RelatedPullRequest {
  number: number;
  title: string | null;
  state: string | null;
  author: string | null;
  verdict: string | null;
  merged_at: string | null;
  updated_at: string | null;
  overlap: number;
}

export interface RelatedPullRequests {
  repository: string;
  indexed: boolean;
  pull_requests: RelatedPullRequest[];
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked: boolean;
}

export interface NewApiToken extends ApiToken {
  token: string;
}

export interface ServiceStatus {
  llm: { provider: string; model: string; configured: boolean };
  database: { engine: string; ok: boolean };
  queue: { depth: number; oldest_age_s: number; dead: number } | null;
  integrations: { name?: string; status?: string; [key: string]: unknown }[];
}
