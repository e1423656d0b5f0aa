-- Full-text search of 民情 cases in Chinese (backend/cases, list.go): an FTS5 index with the trigram
-- tokenizer, so any substring of three or more characters is found through the index. A word of one
-- or two characters is found through the trigrams that begin with it, which case_search_vocab lists
-- by a range of its terms: the text ends in two spaces, so every character begins a trigram. Needs
-- SQLite built with FTS5: the Go build tag sqlite_fts5, which the Makefile sets for every build and test.
--
-- Derived and local like village_counts (0013): never shared; the triggers keep it exact whoever writes
-- cases. The index is contentless (the text stays in cases only) and keyed by case_search_keys.k, an
-- INTEGER PRIMARY KEY, because a rowid of cases (a TEXT key) may change when the file is vacuumed.
-- A tombstoned case leaves the index.
--
-- The text is what a case says (number, 反映事项, 具体情况, place, person), not the handler: a
-- delete from a contentless index flushes its pending inserts, so a column that changes at nearly
-- every step (the handler, on 指派, 上报, 交办) would write an index segment per step. Lists filter
-- by handler on its own column.
CREATE TABLE case_search_keys (
    k       INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE
);

CREATE VIRTUAL TABLE case_search USING fts5(body, content = '', contentless_delete = 1, tokenize = 'trigram');
CREATE VIRTUAL TABLE case_search_vocab USING fts5vocab(case_search, row);

CREATE TRIGGER case_search_insert AFTER INSERT ON cases
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT OR IGNORE INTO case_search_keys (case_id) VALUES (NEW.id);
    INSERT INTO case_search (rowid, body)
    SELECT k, concat_ws(' ', NEW.number, NEW.summary, NEW.description, NEW.location, NEW.person_name, ' ')
    FROM case_search_keys WHERE case_id = NEW.id;
END;

CREATE TRIGGER case_search_update AFTER UPDATE OF number, summary, description, location, person_name, deleted_at ON cases
BEGIN
    DELETE FROM case_search WHERE rowid = (SELECT k FROM case_search_keys WHERE case_id = OLD.id);
    INSERT OR IGNORE INTO case_search_keys (case_id) SELECT NEW.id WHERE NEW.deleted_at IS NULL;
    INSERT INTO case_search (rowid, body)
    SELECT k, concat_ws(' ', NEW.number, NEW.summary, NEW.description, NEW.location, NEW.person_name, ' ')
    FROM case_search_keys WHERE case_id = NEW.id AND NEW.deleted_at IS NULL;
END;

CREATE TRIGGER case_search_delete AFTER DELETE ON cases
BEGIN
    DELETE FROM case_search WHERE rowid = (SELECT k FROM case_search_keys WHERE case_id = OLD.id);
    DELETE FROM case_search_keys WHERE case_id = OLD.id;
END;

-- Cases registered before this version.
INSERT INTO case_search_keys (case_id) SELECT id FROM cases WHERE deleted_at IS NULL;
INSERT INTO case_search (rowid, body)
SELECT k.k, concat_ws(' ', c.number, c.summary, c.description, c.location, c.person_name, ' ')
FROM cases c JOIN case_search_keys k ON k.case_id = c.id;
