-- Repository $1's indexed files (migration 0008) by top-level directory ('' for files at the
-- root) and language, with counts. Twin of project_structure.postgres.sql.
SELECT CASE WHEN instr(f.path, '/') > 0 THEN substr(f.path, 1, instr(f.path, '/') - 1)
            ELSE '' END AS directory,
       f.language AS language,
       COUNT(*) AS files
FROM files AS f
JOIN repositories AS r ON r.id = f.repository_id
WHERE r.full_name = $1
GROUP BY directory, language
ORDER BY directory, files DESC, language
