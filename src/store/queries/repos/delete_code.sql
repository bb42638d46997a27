-- Purges the code index and knowledge graph of repository $1: its files, symbols, chunks (and
-- their full-text rows), imports, pull requests, issues, commits and contributions all hang
-- off the repository row (ON DELETE CASCADE). Developers stay: they are shared by logins.
DELETE FROM repositories WHERE full_name = $1
