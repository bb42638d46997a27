-- Connected repositories that were never scanned nor queued for a scan: the newest active
-- installation of each.
SELECT i.id, i.user_id, i.repo_full_name, i.github_repo_id, i.webhook_id, i.webhook_secret,
       i.is_active, i.installed_at, i.updated_at, i.max_concurrent_reviews
FROM installations i
WHERE i.is_active = 1
  AND NOT EXISTS (SELECT 1 FROM repository_scans s WHERE s.repo_full_name = i.repo_full_name)
ORDER BY i.repo_full_name, i.updated_at DESC
