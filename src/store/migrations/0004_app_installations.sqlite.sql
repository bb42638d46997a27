-- What each GitHub App installation covers, SQLite twin of 0004_app_installations.postgres.sql:
-- keep the two in step. Written by the sync_installation job from `installation` and
-- `installation_repositories` events. Conventions as in 0001.
-- last_event_id is the events row whose change a row reflects: a change from an older event
-- never overwrites a newer one, so deliveries processed out of order (a retry, two workers)
-- end in the state of the newest. It is a plain number (no foreign key): events may be
-- pruned while the installation stays.

-- One installation of the App on an account. repository_selection: 'all', 'selected', or ''
-- when no delivery said. status: active, suspended, or deleted (uninstalled).
CREATE TABLE app_installations (
    installation_id INTEGER PRIMARY KEY,
    account_login TEXT NOT NULL DEFAULT '',
    account_type TEXT NOT NULL DEFAULT '',
    repository_selection TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
    last_event_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- A repository an installation covers (removed_at NULL) or covered. Keyed by GitHub's
-- repository id, which survives renames and transfers; the full name is the latest seen.
-- added_at is NULL for a repository whose removal was the first thing Nectr heard of it.
CREATE TABLE app_installation_repositories (
    installation_id INTEGER NOT NULL
        REFERENCES app_installations (installation_id) ON DELETE CASCADE,
    repository_id INTEGER NOT NULL,
    repository_full_name TEXT NOT NULL,
    added_at INTEGER,
    removed_at INTEGER,
    last_event_id INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (installation_id, repository_id)
) STRICT;
-- "Which installation covers owner/repo?" is asked by full name.
CREATE INDEX app_installation_repositories_full_name_idx
    ON app_installation_repositories (repository_full_name);
