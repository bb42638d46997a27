-- Removes the symbols of the files whose ids the JSON array $1 lists, before they are written anew.
DELETE FROM symbols
WHERE file_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)
