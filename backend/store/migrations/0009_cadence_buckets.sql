-- The tracker's counts, kept ready. A household's visit status on a day depends only on whether it
-- is a key household and on the period of its last visit (the month for a key household, the quarter
-- for the others), or, never visited, on when it was registered. So the tracker does not need to read
-- 100,000 households to count a county: it reads how many households of each neighbourhood fall in
-- each such kind ("bucket"), some 30,000 rows, and decides the status once per kind.
--
-- Derived and local like household_cadence (0007): no system columns, never shared, no field stamps;
-- triggers on household_cadence keep it exact, and the tests compare it with that table after every
-- kind of change.
CREATE TABLE cadence_buckets (
    neighbourhood_id TEXT NOT NULL,
    is_key           INTEGER NOT NULL,
    -- '2026-11' a key household last visited in that month; '2026-Q4' another household last visited
    -- in that quarter; 'R2026-11-27T08' a household never visited, registered in that hour (UTC).
    bucket           TEXT NOT NULL,
    village_id       TEXT NOT NULL,
    households       INTEGER NOT NULL,
    PRIMARY KEY (neighbourhood_id, is_key, bucket)
) WITHOUT ROWID;
-- The tracker counts per village and kind in this order (without sorting 30,000 rows), and reads the
-- overdue kinds alone (to find the neighbourhoods with overdue households).
CREATE INDEX cadence_buckets_village ON cadence_buckets (village_id, is_key, bucket, households);
CREATE INDEX cadence_buckets_kind ON cadence_buckets (is_key, bucket, village_id, households);
-- And the overdue and due households of given kinds, without reading the others.
CREATE INDEX household_cadence_kind ON household_cadence (is_key, last_visit, created_at);

CREATE TRIGGER cadence_buckets_insert AFTER INSERT ON household_cadence
BEGIN
    INSERT INTO cadence_buckets (neighbourhood_id, is_key, bucket, village_id, households)
    VALUES (NEW.neighbourhood_id, NEW.is_key,
        CASE WHEN NEW.last_visit = '' THEN 'R' || substr(NEW.created_at, 1, 13)
             WHEN NEW.is_key THEN substr(NEW.last_visit, 1, 7)
             ELSE substr(NEW.last_visit, 1, 5) || 'Q' || ((CAST(substr(NEW.last_visit, 6, 2) AS INTEGER) + 2) / 3) END,
        NEW.village_id, 1)
    ON CONFLICT (neighbourhood_id, is_key, bucket) DO UPDATE SET households = households + 1, village_id = excluded.village_id;
END;

CREATE TRIGGER cadence_buckets_delete AFTER DELETE ON household_cadence
BEGIN
    UPDATE cadence_buckets SET households = households - 1
    WHERE neighbourhood_id = OLD.neighbourhood_id AND is_key = OLD.is_key AND bucket =
        CASE WHEN OLD.last_visit = '' THEN 'R' || substr(OLD.created_at, 1, 13)
             WHEN OLD.is_key THEN substr(OLD.last_visit, 1, 7)
             ELSE substr(OLD.last_visit, 1, 5) || 'Q' || ((CAST(substr(OLD.last_visit, 6, 2) AS INTEGER) + 2) / 3) END;
    DELETE FROM cadence_buckets WHERE neighbourhood_id = OLD.neighbourhood_id AND households <= 0;
END;

CREATE TRIGGER cadence_buckets_update AFTER UPDATE ON household_cadence
BEGIN
    UPDATE cadence_buckets SET households = households - 1
    WHERE neighbourhood_id = OLD.neighbourhood_id AND is_key = OLD.is_key AND bucket =
        CASE WHEN OLD.last_visit = '' THEN 'R' || substr(OLD.created_at, 1, 13)
             WHEN OLD.is_key THEN substr(OLD.last_visit, 1, 7)
             ELSE substr(OLD.last_visit, 1, 5) || 'Q' || ((CAST(substr(OLD.last_visit, 6, 2) AS INTEGER) + 2) / 3) END;
    DELETE FROM cadence_buckets WHERE neighbourhood_id = OLD.neighbourhood_id AND households <= 0;
    INSERT INTO cadence_buckets (neighbourhood_id, is_key, bucket, village_id, households)
    VALUES (NEW.neighbourhood_id, NEW.is_key,
        CASE WHEN NEW.last_visit = '' THEN 'R' || substr(NEW.created_at, 1, 13)
             WHEN NEW.is_key THEN substr(NEW.last_visit, 1, 7)
             ELSE substr(NEW.last_visit, 1, 5) || 'Q' || ((CAST(substr(NEW.last_visit, 6, 2) AS INTEGER) + 2) / 3) END,
        NEW.village_id, 1)
    ON CONFLICT (neighbourhood_id, is_key, bucket) DO UPDATE SET households = households + 1, village_id = excluded.village_id;
END;

-- household_cadence's own insert trigger replaced a row with INSERT OR REPLACE; a replaced row fires
-- no delete trigger (recursive triggers are off), so the counts would drift. Delete, then insert.
DROP TRIGGER household_cadence_household_insert;
CREATE TRIGGER household_cadence_household_insert AFTER INSERT ON households
WHEN NEW.deleted_at IS NULL AND NEW.id IS NOT NULL
BEGIN
    DELETE FROM household_cadence WHERE household_id = NEW.id;
    INSERT INTO household_cadence (household_id, neighbourhood_id, village_id, is_key, created_at, last_visit)
    VALUES (NEW.id, NEW.neighbourhood_id, NEW.village_id, NEW.is_key, NEW.created_at,
        coalesce((SELECT max(visit_date) FROM visits WHERE household_id = NEW.id AND deleted_at IS NULL), ''));
END;
DROP TRIGGER household_cadence_household_update;
CREATE TRIGGER household_cadence_household_update
AFTER UPDATE OF id, neighbourhood_id, village_id, is_key, created_at, deleted_at ON households
BEGIN
    DELETE FROM household_cadence WHERE household_id IN (OLD.id, NEW.id);
    INSERT INTO household_cadence (household_id, neighbourhood_id, village_id, is_key, created_at, last_visit)
    SELECT NEW.id, NEW.neighbourhood_id, NEW.village_id, NEW.is_key, NEW.created_at,
        coalesce((SELECT max(visit_date) FROM visits WHERE household_id = NEW.id AND deleted_at IS NULL), '')
    WHERE NEW.deleted_at IS NULL AND NEW.id IS NOT NULL;
END;

INSERT INTO cadence_buckets (neighbourhood_id, is_key, bucket, village_id, households)
SELECT neighbourhood_id, is_key, bucket, max(village_id), count(*) FROM (
    SELECT neighbourhood_id, is_key, village_id,
        CASE WHEN last_visit = '' THEN 'R' || substr(created_at, 1, 13)
             WHEN is_key THEN substr(last_visit, 1, 7)
             ELSE substr(last_visit, 1, 5) || 'Q' || ((CAST(substr(last_visit, 6, 2) AS INTEGER) + 2) / 3) END AS bucket
    FROM household_cadence)
GROUP BY neighbourhood_id, is_key, bucket;
