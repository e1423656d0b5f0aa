-- The history names each table, and the audit log each operator, by a small number, as it already
-- names offices (sites) and lists of fields (audit_fields). On the county demo the table's name was
-- 8.5 bytes of each of 4.2 million audit entries and, twice (the stamp and its entry in
-- field_versions_since), of each of 3.9 million stamps: about 100 MB of 2.3 GB. Listing the operators
-- to filter the log by read every entry (1.8 s); it now reads audit_operators. The API still gives and
-- takes names.
CREATE TABLE history_tables (
    tbl_no INTEGER PRIMARY KEY,
    tbl    TEXT NOT NULL UNIQUE
);
INSERT INTO history_tables (tbl)
SELECT tbl FROM (SELECT tbl FROM field_versions GROUP BY tbl UNION SELECT tbl FROM audit_log GROUP BY tbl)
ORDER BY tbl;

CREATE TABLE audit_operators (
    op_no    INTEGER PRIMARY KEY,
    operator TEXT NOT NULL UNIQUE
);
INSERT INTO audit_operators (operator) SELECT operator FROM audit_log GROUP BY operator ORDER BY operator;

CREATE TABLE field_versions_new (
    tbl_no  INTEGER NOT NULL,
    row_id  BLOB NOT NULL,                        -- 16 bytes of a UUID, else text
    field   TEXT NOT NULL,
    hlc     INTEGER NOT NULL,
    site_no INTEGER NOT NULL,
    PRIMARY KEY (tbl_no, row_id, field)
) WITHOUT ROWID;
INSERT INTO field_versions_new (tbl_no, row_id, field, hlc, site_no)
SELECT t.tbl_no, f.row_id, f.field, f.hlc, f.site_no
FROM field_versions f JOIN history_tables t ON t.tbl = f.tbl
ORDER BY t.tbl_no, f.row_id, f.field;
DROP TABLE field_versions;
ALTER TABLE field_versions_new RENAME TO field_versions;
CREATE INDEX field_versions_since ON field_versions (tbl_no, site_no, hlc);

-- Who changed or viewed what, when. seq and hlc rise together (both are issued under the write lock).
-- The wall time of the write is (hlc >> 16) - lag_ms milliseconds since 1970.
CREATE TABLE audit_log_new (
    seq       INTEGER PRIMARY KEY,
    hlc       INTEGER NOT NULL,
    lag_ms    INTEGER NOT NULL DEFAULT 0,
    site_no   INTEGER NOT NULL,
    op_no     INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'setting', 'view')),
    tbl_no    INTEGER NOT NULL,
    row_id    BLOB NOT NULL,                      -- 16 bytes of a UUID, else text
    fields_no INTEGER NOT NULL
);
INSERT INTO audit_log_new (seq, hlc, lag_ms, site_no, op_no, action, tbl_no, row_id, fields_no)
SELECT a.seq, a.hlc, a.lag_ms, a.site_no, o.op_no, a.action, t.tbl_no, a.row_id, a.fields_no
FROM audit_log a JOIN history_tables t ON t.tbl = a.tbl JOIN audit_operators o ON o.operator = a.operator
ORDER BY a.seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
