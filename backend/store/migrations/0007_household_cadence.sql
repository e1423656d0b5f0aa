-- What the visit-cadence tracker reads of each live household: where it is, whether it is a key
-- household, when it was registered and the date of its last live visit. The tracker used to look
-- the last visit up household by household (100,000 index searches on a county); this table has it
-- ready.
--
-- It is derived and local: no system columns, so the store does not count it as shared and it never
-- travels between offices, and no field stamp is written for it. A last-visit column on households
-- would instead be a shared field, stamped and sent to every office on each visit, and could conflict
-- between offices for a value that is only a cache. The triggers keep it exact whoever writes the
-- base tables — the grid, the roster import, the demo, or a merge of another office's bundle — and
-- the tests compare it with the base tables after every kind of change.
CREATE TABLE household_cadence (
    household_id     TEXT PRIMARY KEY,
    neighbourhood_id TEXT NOT NULL,
    village_id       TEXT NOT NULL,
    is_key           INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    last_visit       TEXT NOT NULL DEFAULT ''   -- ISO date of the last live visit, '' for none
) WITHOUT ROWID;
-- Covering, in the order the tracker lists households (neighbourhood, then household).
CREATE INDEX household_cadence_place ON household_cadence (neighbourhood_id, household_id, village_id, is_key, last_visit, created_at);

-- (TEXT PRIMARY KEY allows a NULL id in SQLite; such a row is no household the tracker can list.)
CREATE TRIGGER household_cadence_household_insert AFTER INSERT ON households
WHEN NEW.deleted_at IS NULL AND NEW.id IS NOT NULL
BEGIN
    INSERT OR REPLACE INTO household_cadence (household_id, neighbourhood_id, village_id, is_key, created_at, last_visit)
    VALUES (NEW.id, NEW.neighbourhood_id, NEW.village_id, NEW.is_key, NEW.created_at,
        coalesce((SELECT max(visit_date) FROM visits WHERE household_id = NEW.id AND deleted_at IS NULL), ''));
END;

CREATE TRIGGER household_cadence_household_update
AFTER UPDATE OF id, neighbourhood_id, village_id, is_key, created_at, deleted_at ON households
BEGIN
    DELETE FROM household_cadence WHERE household_id = OLD.id;
    INSERT OR REPLACE INTO household_cadence (household_id, neighbourhood_id, village_id, is_key, created_at, last_visit)
    SELECT NEW.id, NEW.neighbourhood_id, NEW.village_id, NEW.is_key, NEW.created_at,
        coalesce((SELECT max(visit_date) FROM visits WHERE household_id = NEW.id AND deleted_at IS NULL), '')
    WHERE NEW.deleted_at IS NULL AND NEW.id IS NOT NULL;
END;

CREATE TRIGGER household_cadence_household_delete AFTER DELETE ON households
BEGIN
    DELETE FROM household_cadence WHERE household_id = OLD.id;
END;

-- A new live visit can only move the last visit later.
CREATE TRIGGER household_cadence_visit_insert AFTER INSERT ON visits WHEN NEW.deleted_at IS NULL
BEGIN
    UPDATE household_cadence SET last_visit = NEW.visit_date
    WHERE household_id = NEW.household_id AND last_visit < NEW.visit_date;
END;

CREATE TRIGGER household_cadence_visit_update AFTER UPDATE OF household_id, visit_date, deleted_at ON visits
BEGIN
    UPDATE household_cadence SET last_visit = coalesce((SELECT max(v.visit_date) FROM visits v
        WHERE v.household_id = household_cadence.household_id AND v.deleted_at IS NULL), '')
    WHERE household_id IN (OLD.household_id, NEW.household_id);
END;

CREATE TRIGGER household_cadence_visit_delete AFTER DELETE ON visits
BEGIN
    UPDATE household_cadence SET last_visit = coalesce((SELECT max(v.visit_date) FROM visits v
        WHERE v.household_id = household_cadence.household_id AND v.deleted_at IS NULL), '')
    WHERE household_id = OLD.household_id;
END;

INSERT INTO household_cadence (household_id, neighbourhood_id, village_id, is_key, created_at, last_visit)
SELECT h.id, h.neighbourhood_id, h.village_id, h.is_key, h.created_at,
    coalesce((SELECT max(visit_date) FROM visits WHERE household_id = h.id AND deleted_at IS NULL), '')
FROM households h WHERE h.deleted_at IS NULL AND h.id IS NOT NULL;
