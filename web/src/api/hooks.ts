// TanStack Query hooks over the API client: one per endpoint the pages use.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { ApiError, queryString, repoPath, request } from "./client";
import type {
  Analytics,
  ApiToken,
  Experts,
  HotFiles,
  Memory,
  MemoryPage,
  NewApiToken,
  ProjectMap,
  RelatedPullRequests,
  RepositoryList,
  ReviewDetail,
  ReviewFilters,
  ReviewPage,
  ServiceStatus,
  User,
} from "./types";

// Who is signed in; null when nobody is (the API answers 401).
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: async (): Promise<User | null> => {
      try {
        return await request<User>("GET", "/auth/me");
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          return null;
        }
        throw error;
      }
    },
    retry: false,
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<void>("POST", "/auth/logout"),
    onSuccess: () => {
      client.setQueryData(["me"], null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== "me" });
    },
  });
}

export function useRepositories() {
  return useQuery({
    queryKey: ["repos"],
    queryFn: () => request<RepositoryList>("GET", "/api/v1/repos"),
  });
}

export function useRepoAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ repo, action }: { repo: string; action: "install" | "uninstall" | "rescan" }) => {
      const base = "/api/v1/repos/" + repoPath(repo);
      if (action === "install") {
        return request<unknown>("POST", base + "/install");
      }
      if (action === "uninstall") {
        return request<unknown>("DELETE", base + "/install");
      }
      return request<unknown>("POST", base + "/rescan");
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ["repos"] }),
  });
}

export function useReviews(filters: ReviewFilters) {
  return useQuery({
    queryKey: ["reviews", filters],
    queryFn: () =>
      request<ReviewPage>("GET", "/api/v1/reviews" + queryString({ ...filters, limit: 50 })),
  });
}

export function useReview(id: number) {
  return useQuery({
    queryKey: ["review", id],
    queryFn: () => request<ReviewDetail>("GET", "/api/v1/reviews/" + id),
  });
}

export function useRetryReview(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => request<{ job_id: number }>("POST", `/api/v1/reviews/${id}/retry`),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ["review", id] });
      client.invalidateQueries({ queryKey: ["reviews"] });
    },
  });
}

export function useAnalytics(repo: string) {
  return useQuery({
    queryKey: ["analytics", repo],
    queryFn: () => request<Analytics>("GET", "/api/v1/analytics" + queryString({ repo })),
  });
}

export function useMemories(repo: string) {
  return useQuery({
    queryKey: ["memory", repo],
    queryFn: () => request<MemoryPage>("GET", "/api/v1/memory" + queryString({ repo })),
    enabled: repo !== "",
  });
}

export function useProjectMap(repo: string) {
  return useQuery({
    queryKey: ["project-map", repo],
    queryFn: () => request<ProjectMap>("GET", "/api/v1/memory/project-map" + queryString({ repo })),
    enabled: repo !== "",
  });
}

export interface NewMemory {
  repo: string;
  type: string;
  content: string;
}

export function useAddMemory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (memory: NewMemory) => request<Memory>("POST", "/api/v1/memory", memory),
    onSuccess: (_data, memory) => client.invalidateQueries({ queryKey: ["memory", memory.repo] }),
  });
}

export function useUpdateMemory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, content }: { id: number; content: string }) =>
      request<Memory>("PUT", "/api/v1/memory/" + id, { content }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["memory"] }),
  });
}

export function useDeleteMemory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request<void>("DELETE", "/api/v1/memory/" + id),
    onSuccess: () => client.invalidateQueries({ queryKey: ["memory"] }),
  });
}

export function useHotFiles(repo: string) {
  return useQuery({
    queryKey: ["graph", repo, "hot-files"],
    queryFn: () => request<HotFiles>("GET", `/api/v1/repos/${repoPath(repo)}/graph/hot-files`),
    enabled: repo !== "",
  });
}

export function useExperts(repo: string, path: string) {
  return useQuery({
    queryKey: ["graph", repo, "experts", path],
    queryFn: () =>
      request<Experts>(
        "GET",
        `/api/v1/repos/${repoPath(repo)}/graph/experts` + queryString({ path }),
      ),
    enabled: repo !== "" && path !== "",
  });
}

export function useRelatedPullRequests(repo: string, path: string) {
  return useQuery({
    queryKey: ["graph", repo, "pull-requests", path],
    queryFn: () =>
      request<RelatedPullRequests>(
        "GET",
        `/api/v1/repos/${repoPath(repo)}/graph/pull-requests` + queryString({ path }),
      ),
    enabled: repo !== "" && path !== "",
  });
}

export function useTokens() {
  return useQuery({
    queryKey: ["tokens"],
    queryFn: () => request<{ tokens: ApiToken[] }>("GET", "/api/v1/tokens"),
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expires_in_days?: number }) =>
      request<NewApiToken>("POST", "/api/v1/tokens", input),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tokens"] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => request<void>("DELETE", "/api/v1/tokens/" + id),
    onSuccess: () => client.invalidateQueries({ queryKey: ["tokens"] }),
  });
}

export function useStatus() {
  return useQuery({
    queryKey: ["status"],
    queryFn: () => request<ServiceStatus>("GET", "/api/v1/status"),
  });
}
