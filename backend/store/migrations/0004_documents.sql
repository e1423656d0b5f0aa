-- Issued documents: the archive of every PDF issued, with the input it was made from, so a reprint
-- gives the identical file and a correction says what it replaces. Shared like the grid tables.

CREATE TABLE documents (
    id         TEXT PRIMARY KEY,
    number     TEXT NOT NULL,                 -- archive number, e.g. 2026-通知-0003
    kind       TEXT NOT NULL,                 -- notice, gongshi, … (backend/docs)
    title      TEXT NOT NULL,
    doc_date   TEXT NOT NULL DEFAULT '',      -- the document's own date, ISO
    sha256     TEXT NOT NULL,                 -- of pdf, hex
    input      TEXT NOT NULL,                 -- the JSON the PDF was made from
    pdf        BLOB NOT NULL,
    pages      INTEGER NOT NULL,
    issuer     TEXT NOT NULL DEFAULT '',      -- the operator who issued it
    issued_at  TEXT NOT NULL,                 -- local time, 2026-11-27T10:04:05
    replaces   TEXT REFERENCES documents (id),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_issued ON documents (issued_at) WHERE deleted_at IS NULL;
CREATE INDEX documents_kind ON documents (kind, issued_at) WHERE deleted_at IS NULL;
CREATE INDEX documents_number ON documents (number);
CREATE INDEX documents_replaces ON documents (replaces) WHERE replaces IS NOT NULL;
