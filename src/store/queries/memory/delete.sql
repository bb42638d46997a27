-- Forgets memory $1.
DELETE FROM memories WHERE id = $1
