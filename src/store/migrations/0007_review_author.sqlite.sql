-- Who opened the reviewed pull request and what it is called, SQLite twin of
-- 0007_review_author.postgres.sql: keep the two in step. The review list filters and the
-- analytics rank by author without asking GitHub again; rows stored before this migration
-- keep NULL in both.
ALTER TABLE reviews ADD COLUMN pr_author TEXT;
ALTER TABLE reviews ADD COLUMN pr_title TEXT;
-- Analytics read a repository's reviews over a time window.
CREATE INDEX reviews_repo_created_at_idx ON reviews (repo_full_name, created_at);
