-- Indexes the sharing of data between offices will read by: the field stamps newer than what a
-- peer has seen, and the audit history of one row.
CREATE INDEX field_versions_hlc ON field_versions (hlc);
CREATE INDEX audit_log_row ON audit_log (tbl, row_id, hlc);
