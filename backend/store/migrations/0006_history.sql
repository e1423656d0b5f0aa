-- The history (audit log and field stamps) in a quarter of the space, with nothing of it lost, and
-- entries for who viewed a resident's full ID number or phone. On the county demo the audit log was
-- 221 MB of 732: every entry repeated the 32-hex site id, a 36-character row id, a 24-character time
-- and, for an insert, the names of all its fields.
--   * sites: the offices whose stamps are stored here, numbered locally; audit_log and field_versions
--     hold the small site_no, the API still gives the 32-hex site id.
--   * audit_fields: each distinct list of field names once (an insert into residents always lists the
--     same fields); an entry holds its number.
--   * row ids that are canonical UUIDs are stored as their 16 bytes (other keys, such as a local
--     setting's name, stay text); the API gives them back as text.
--   * an entry's wall time (at) is stored as how far it lies behind the wall part of its clock value:
--     0, which takes no space, unless the machine's clock had gone back.

CREATE TABLE sites (
    site_no INTEGER PRIMARY KEY,
    site_id TEXT NOT NULL UNIQUE CHECK (length(site_id) = 32)
);
INSERT INTO sites (site_id) SELECT site_id FROM site;
INSERT OR IGNORE INTO sites (site_id) SELECT site_id FROM field_versions GROUP BY site_id;
INSERT OR IGNORE INTO sites (site_id) SELECT site_id FROM audit_log GROUP BY site_id;

CREATE TABLE audit_fields (
    fields_no INTEGER PRIMARY KEY,
    fields    TEXT NOT NULL UNIQUE                -- JSON list of field names, e.g. ["name","phone"]
);
INSERT OR IGNORE INTO audit_fields (fields) SELECT fields FROM audit_log GROUP BY fields;

-- Per field of every shared row: the clock value and office of the write that set it ('*': the
-- insert, standing for every field). site_no and fields_no are kept right by the store's code, not
-- by foreign keys, which would cost a lookup per stamp.
CREATE TABLE field_versions_new (
    tbl     TEXT NOT NULL,
    row_id  BLOB NOT NULL,                        -- 16 bytes of a UUID, else text
    field   TEXT NOT NULL,
    hlc     INTEGER NOT NULL,
    site_no INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_id, field)
) WITHOUT ROWID;
INSERT INTO field_versions_new (tbl, row_id, field, hlc, site_no)
SELECT f.tbl,
       CASE WHEN f.row_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(f.row_id, '-', '')) ELSE f.row_id END,
       f.field, f.hlc, s.site_no
FROM field_versions f JOIN sites s ON s.site_id = f.site_id;
DROP TABLE field_versions;
ALTER TABLE field_versions_new RENAME TO field_versions;

-- Who changed or viewed what, when. seq and hlc rise together (both are issued under the write lock).
-- The wall time of the write is (hlc >> 16) - lag_ms milliseconds since 1970.
CREATE TABLE audit_log_new (
    seq       INTEGER PRIMARY KEY,
    hlc       INTEGER NOT NULL,
    lag_ms    INTEGER NOT NULL DEFAULT 0,
    site_no   INTEGER NOT NULL,
    operator  TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'setting', 'view')),
    tbl       TEXT NOT NULL,
    row_id    BLOB NOT NULL,                      -- 16 bytes of a UUID, else text
    fields_no INTEGER NOT NULL
);
INSERT INTO audit_log_new (seq, hlc, lag_ms, site_no, operator, action, tbl, row_id, fields_no)
SELECT a.seq, a.hlc,
       (a.hlc >> 16) - (unixepoch(substr(a.at, 1, 19)) * 1000 + CAST(substr(a.at, 21, 3) AS INTEGER)),
       s.site_no, a.operator, a.action, a.tbl,
       CASE WHEN a.row_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(a.row_id, '-', '')) ELSE a.row_id END,
       f.fields_no
FROM audit_log a JOIN sites s ON s.site_id = a.site_id JOIN audit_fields f ON f.fields = a.fields
ORDER BY a.seq;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
