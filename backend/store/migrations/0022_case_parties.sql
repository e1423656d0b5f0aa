-- The other people a 民情 case concerns (backend/cases, parties.go), beside the one who reported it
-- (cases.resident_id / person_name): the other side of a dispute (对方当事人), people who reported it
-- together (共同反映人), and anyone else it involves (相关人). Each is a registered resident (by id,
-- with the name and phone as they were when added) or a person outside the registry (name, phone).
-- Shared, and nothing here is UNIQUE: two offices may add the same person to one case, and a merge
-- cannot abort on it. Removing one tombstones the row.
CREATE TABLE case_parties (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    role         TEXT NOT NULL CHECK (role IN ('对方当事人', '共同反映人', '相关人')),
    resident_id  TEXT NOT NULL DEFAULT '',            -- '' for a person outside the registry
    household_id TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    phone        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 200),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_parties_case ON case_parties (case_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX case_parties_resident ON case_parties (resident_id) WHERE deleted_at IS NULL AND resident_id <> '';

-- A case is found by the names of all the people it concerns: the full-text index (0015) now holds
-- the parties' names after the case's own text. The case's triggers read them; the parties' triggers
-- index their case again whenever a party is added, renamed or removed, whoever writes them.
DROP TRIGGER case_search_insert;
DROP TRIGGER case_search_update;

CREATE TRIGGER case_search_insert AFTER INSERT ON cases
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT OR IGNORE INTO case_search_keys (case_id) VALUES (NEW.id);
    INSERT INTO case_search (rowid, body)
    SELECT k, concat_ws(' ', NEW.number, NEW.summary, NEW.description, NEW.location, NEW.person_name,
        (SELECT group_concat(name, ' ') FROM case_parties WHERE case_id = NEW.id AND deleted_at IS NULL), ' ')
    FROM case_search_keys WHERE case_id = NEW.id;
END;

CREATE TRIGGER case_search_update AFTER UPDATE OF number, summary, description, location, person_name, deleted_at ON cases
BEGIN
    DELETE FROM case_search WHERE rowid = (SELECT k FROM case_search_keys WHERE case_id = OLD.id);
    INSERT OR IGNORE INTO case_search_keys (case_id) SELECT NEW.id WHERE NEW.deleted_at IS NULL;
    INSERT INTO case_search (rowid, body)
    SELECT k, concat_ws(' ', NEW.number, NEW.summary, NEW.description, NEW.location, NEW.person_name,
        (SELECT group_concat(name, ' ') FROM case_parties WHERE case_id = NEW.id AND deleted_at IS NULL), ' ')
    FROM case_search_keys WHERE case_id = NEW.id AND NEW.deleted_at IS NULL;
END;

-- Index the case of a party again, as its text now reads (a tombstoned case stays out of the index).
CREATE TRIGGER case_parties_search_insert AFTER INSERT ON case_parties
BEGIN
    DELETE FROM case_search WHERE rowid = (SELECT k FROM case_search_keys WHERE case_id = NEW.case_id);
    INSERT INTO case_search (rowid, body)
    SELECT k.k, concat_ws(' ', c.number, c.summary, c.description, c.location, c.person_name,
        (SELECT group_concat(name, ' ') FROM case_parties WHERE case_id = c.id AND deleted_at IS NULL), ' ')
    FROM cases c JOIN case_search_keys k ON k.case_id = c.id WHERE c.id = NEW.case_id AND c.deleted_at IS NULL;
END;

CREATE TRIGGER case_parties_search_update AFTER UPDATE OF case_id, name, deleted_at ON case_parties
BEGIN
    DELETE FROM case_search WHERE rowid IN (SELECT k FROM case_search_keys WHERE case_id IN (OLD.case_id, NEW.case_id));
    INSERT INTO case_search (rowid, body)
    SELECT k.k, concat_ws(' ', c.number, c.summary, c.description, c.location, c.person_name,
        (SELECT group_concat(name, ' ') FROM case_parties WHERE case_id = c.id AND deleted_at IS NULL), ' ')
    FROM cases c JOIN case_search_keys k ON k.case_id = c.id WHERE c.id IN (OLD.case_id, NEW.case_id) AND c.deleted_at IS NULL;
END;

CREATE TRIGGER case_parties_search_delete AFTER DELETE ON case_parties
BEGIN
    DELETE FROM case_search WHERE rowid = (SELECT k FROM case_search_keys WHERE case_id = OLD.case_id);
    INSERT INTO case_search (rowid, body)
    SELECT k.k, concat_ws(' ', c.number, c.summary, c.description, c.location, c.person_name,
        (SELECT group_concat(name, ' ') FROM case_parties WHERE case_id = c.id AND deleted_at IS NULL), ' ')
    FROM cases c JOIN case_search_keys k ON k.case_id = c.id WHERE c.id = OLD.case_id AND c.deleted_at IS NULL;
END;
