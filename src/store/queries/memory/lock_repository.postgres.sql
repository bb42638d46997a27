-- Serialises writers of repository $1's memories until the transaction ends, so that two
-- reviews learning the same thing at once merge it instead of storing it twice: key
-- 1835363698 is "memr".
SELECT pg_advisory_xact_lock(1835363698, hashtext($1)) AS locked
