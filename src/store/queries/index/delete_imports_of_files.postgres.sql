-- Removes the file_imports of the files whose ids the JSON array $1 lists, before they are written anew.
DELETE FROM file_imports
WHERE file_id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)
