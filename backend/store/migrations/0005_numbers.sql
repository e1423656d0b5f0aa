-- Numbers and uniqueness that survive merging offices (DESIGN.md §4).
--
-- Every number an office allocates carries its short name (单位简称, e.g. 丹口), so two offices never
-- issue the same archive or case number; and no UNIQUE constraint remains that merging two offices'
-- data could violate: uniqueness inside one office is checked at write time, and across offices a
-- clash (the same person registered by two offices) becomes a record for a person to settle.

-- offices: the short name, and office_site no longer UNIQUE (SQLite cannot drop a table constraint,
-- so the table is rebuilt; nothing references it by foreign key).
CREATE TABLE offices_new (
    id          TEXT PRIMARY KEY,
    office_site TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 60),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    site_id     TEXT NOT NULL,
    operator    TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'township' CHECK (kind IN ('township', 'county', 'adviser')),
    short_name  TEXT NOT NULL DEFAULT '' CHECK (length(short_name) <= 8)
);
INSERT INTO offices_new (id, office_site, name, created_at, updated_at, deleted_at, site_id, operator, kind)
    SELECT id, office_site, name, created_at, updated_at, deleted_at, site_id, operator, kind FROM offices;
DROP TABLE offices;
ALTER TABLE offices_new RENAME TO offices;
CREATE INDEX offices_site ON offices (office_site);

-- residents: one 身份证号 per live person is checked when a resident is written; after a merge two
-- offices' records of one person may both exist until someone settles them.
DROP INDEX residents_id_number;
CREATE INDEX residents_id_number ON residents (id_number) WHERE id_number <> '' AND deleted_at IS NULL;

-- A person's decision about residents that share a 身份证号 (possible duplicates): the same person
-- (one record kept) or different people (a mistyped number to correct). Shared, so the decision
-- travels with the data.
CREATE TABLE person_decisions (
    id           TEXT PRIMARY KEY,
    id_number    TEXT NOT NULL,
    resident_ids TEXT NOT NULL,                -- the residents concerned, sorted, comma-separated
    decision     TEXT NOT NULL CHECK (decision IN ('same', 'different')),
    kept_id      TEXT NOT NULL DEFAULT '',      -- for 'same': the record kept
    note         TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_decisions_id_number ON person_decisions (id_number);

-- documents: the record a document was issued for (a meeting's 纪要, a case's 交办单), so "the
-- documents of this record" is one query.
ALTER TABLE documents ADD COLUMN source_table TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN source_id TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_source ON documents (source_table, source_id) WHERE source_id <> '';
