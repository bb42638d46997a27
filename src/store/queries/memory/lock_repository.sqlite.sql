-- Nothing to do: the writer's BEGIN IMMEDIATE already holds the database's write lock.
SELECT $1 AS locked
