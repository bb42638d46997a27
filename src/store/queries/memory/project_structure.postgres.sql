-- Repository $1's indexed files (migration 0008) by top-level directory ('' for files at the
-- root) and language, with counts. Twin of project_structure.sqlite.sql.
SELECT CASE WHEN strpos(f.path, '/') > 0 THEN split_part(f.path, '/', 1)
            ELSE '' END AS directory,
       f.language AS language,
       COUNT(*) AS files
FROM files AS f
JOIN repositories AS r ON r.id = f.repository_id
WHERE r.full_name = $1
GROUP BY 1, 2
ORDER BY 1, 3 DESC, 2
