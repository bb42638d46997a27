-- The dictionary with zstd id $1, to read a payload compressed with it.
SELECT dictionary FROM payload_dictionaries WHERE dictionary_id = $1
