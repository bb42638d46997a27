-- Placeholder so that the graph branch builds on its own: the real 0009 comes from the
-- parallel branch that owns it. Drop this file (and its twin) when merging.
CREATE TABLE reserved_0009_placeholder (id INTEGER PRIMARY KEY) STRICT;
DROP TABLE reserved_0009_placeholder;
