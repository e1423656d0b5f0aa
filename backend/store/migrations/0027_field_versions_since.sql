-- A bundle for a peer carries the rows with a stamp above the peer's vector (Snapshot.Changes). Found by
-- scanning every stamp, 100 changes took 0.3–0.9 s to pick out of a county's 3.5 million; with this
-- index each office's stamps above its entry are one range. It costs about as much space as the
-- stamps themselves (the index holds the table's key too).
CREATE INDEX field_versions_since ON field_versions (tbl, site_no, hlc);
