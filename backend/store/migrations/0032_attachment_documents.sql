-- Attachments may be Word documents too (issue 15: a contract is sent for review as the village
-- drafted it, .docx, or .doc/.wps from older Word and WPS 文字). SQLite cannot change a CHECK, so the
-- table is made again with the wider list of types; its rows, ids and stamps stay as they were.
CREATE TABLE attachments_new (
    id          TEXT PRIMARY KEY,
    owner_table TEXT NOT NULL CHECK (length(owner_table) BETWEEN 1 AND 40),   -- cases, contract_versions, …
    owner_id    TEXT NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 40),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),   -- of the file, lower-case hex: names its file
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),        -- the original file name
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf',
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword')),
    size        INTEGER NOT NULL CHECK (size > 0),                          -- bytes
    note        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
INSERT INTO attachments_new (id, owner_table, owner_id, sha256, name, mime, size, note, created_at, updated_at, deleted_at, site_id, operator)
SELECT id, owner_table, owner_id, sha256, name, mime, size, note, created_at, updated_at, deleted_at, site_id, operator FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_owner ON attachments (owner_table, owner_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX attachments_sha256 ON attachments (sha256);
