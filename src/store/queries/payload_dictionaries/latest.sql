-- The newest dictionary, the one new payloads are compressed with.
SELECT dictionary FROM payload_dictionaries ORDER BY id DESC LIMIT 1
