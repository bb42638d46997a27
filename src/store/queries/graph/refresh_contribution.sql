-- CONTRIBUTED_TO of developer $1 in repository $2, recounted from commits (merges left out),
-- authored pull requests and reviews; last_at is the latest of them. Reviews are read from the
-- reviewer's side (CROSS JOIN keeps SQLite from walking every pull request of the repository).
INSERT INTO developer_repositories (developer_id, repository_id, commit_count,
                                    pull_request_count, review_count, last_at)
SELECT d.id, CAST($2 AS BIGINT),
       (SELECT COUNT(*) FROM commits AS c
        WHERE c.developer_id = d.id AND c.repository_id = $2 AND c.parent_count < 2),
       (SELECT COUNT(*) FROM pull_requests AS p
        WHERE p.author_login = d.login AND p.repository_id = $2),
       (SELECT COUNT(*) FROM pr_reviews AS r
        CROSS JOIN pull_requests AS p
        WHERE p.id = r.pull_request_id AND r.reviewer_login = d.login AND p.repository_id = $2),
       (SELECT MAX(t.at) FROM (
            SELECT c.authored_at AS at FROM commits AS c
            WHERE c.developer_id = d.id AND c.repository_id = $2
            UNION ALL
            SELECT p.created_at FROM pull_requests AS p
            WHERE p.author_login = d.login AND p.repository_id = $2
            UNION ALL
            SELECT r.reviewed_at FROM pr_reviews AS r
            CROSS JOIN pull_requests AS p
            WHERE p.id = r.pull_request_id AND r.reviewer_login = d.login
              AND p.repository_id = $2) AS t)
FROM developers AS d
WHERE d.id = $1
ON CONFLICT (developer_id, repository_id) DO UPDATE SET
    commit_count = excluded.commit_count,
    pull_request_count = excluded.pull_request_count,
    review_count = excluded.review_count,
    last_at = excluded.last_at
