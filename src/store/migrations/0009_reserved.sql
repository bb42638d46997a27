-- A stand-in that keeps the version numbers contiguous on this branch: the schema work that
-- owns this version lands on another branch, and this file is dropped when the two meet.
SELECT 1;
