-- Serialises claimers of one repository's limited jobs until the transaction ends, so that the
-- count that follows sees every committed claim: key 1852138356 is "nect".
SELECT pg_advisory_xact_lock(1852138356, hashtext($1)) AS locked
