-- 经办人 of a points entry: who recorded it. The row's operator column says who last changed the row,
-- and withdrawing an entry (撤销) changes it, so a withdrawn entry showed the withdrawer as its 经办人.
-- Entries not withdrawn take the operator they have; withdrawn ones the operator of their insert in the
-- audit log (its row_id is the id's 16 bytes), or the withdrawer where the log does not have it. The
-- log is read once (a county's holds millions of entries and no index by row).
ALTER TABLE point_entries ADD COLUMN clerk TEXT NOT NULL DEFAULT '' CHECK (length(clerk) <= 30);
UPDATE point_entries SET clerk = substr(operator, 1, 30) WHERE withdrawn = '' AND deleted_at IS NULL;
CREATE TEMP TABLE withdrawn_entries (row_id BLOB PRIMARY KEY, id TEXT NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO withdrawn_entries SELECT unhex(replace(id, '-', '')), id FROM point_entries
WHERE (withdrawn <> '' OR deleted_at IS NOT NULL) AND length(id) = 36;
CREATE TEMP TABLE withdrawn_clerks (id TEXT PRIMARY KEY, operator TEXT NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO withdrawn_clerks
SELECT w.id, o.operator FROM audit_log a JOIN withdrawn_entries w ON w.row_id = a.row_id
JOIN audit_operators o ON o.op_no = a.op_no
WHERE a.tbl_no = (SELECT tbl_no FROM history_tables WHERE tbl = 'point_entries') AND a.action = 'insert'
ORDER BY a.seq;
UPDATE point_entries SET clerk = substr(coalesce((SELECT c.operator FROM withdrawn_clerks c WHERE c.id = point_entries.id), operator), 1, 30)
WHERE withdrawn <> '' OR deleted_at IS NOT NULL;
DROP TABLE withdrawn_clerks;
DROP TABLE withdrawn_entries;
