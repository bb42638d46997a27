-- Nothing to do: the claimer's BEGIN IMMEDIATE already holds the database's write lock.
SELECT $1 AS locked
