-- Removes the symbols of the files whose ids the JSON array $1 lists, before they are written anew.
DELETE FROM symbols
WHERE file_id IN (SELECT j.value FROM json_each($1) AS j)
