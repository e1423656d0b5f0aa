-- The 统计 screen of a county counts a year of cases (60,000 and more) three ways — by state, category
-- and source; by month; by village — and each GROUP BY over the index cases_by_day sorted every case
-- of the period again: about 200 ms on every open. These two tables hold the same counts per month
-- of registration (2026-03), so the months a period covers whole are read from a few thousand rows;
-- only a period's partial first and last months are still counted from the cases themselves
-- (backend/cases, report_months.go).
--
-- Derived and local like village_counts (0013): no system columns, never shared, no field stamps.
-- The triggers keep them exact whoever writes cases, in any order: a case counts while it is live
-- (deleted_at IS NULL), under the month, state, category, source and village it has now. A row may
-- fall to zero cases and stay; readers skip it. The tests compare them with the cases after every
-- kind of change.
CREATE TABLE case_month_kinds (
    month       TEXT NOT NULL,              -- of registered_on: 2026-03
    state       TEXT NOT NULL,
    category    TEXT NOT NULL,
    source      TEXT NOT NULL,
    cases       INTEGER NOT NULL DEFAULT 0,
    resolved    INTEGER NOT NULL DEFAULT 0, -- resolved_on set
    in_village  INTEGER NOT NULL DEFAULT 0, -- resolved at 村 or below (村内化解)
    on_time     INTEGER NOT NULL DEFAULT 0, -- resolved by the deadline
    followed_up INTEGER NOT NULL DEFAULT 0, -- satisfaction recorded
    satisfied   INTEGER NOT NULL DEFAULT 0, -- 满意 or 基本满意
    PRIMARY KEY (month, state, category, source)
) WITHOUT ROWID;

CREATE TABLE case_month_villages (
    month      TEXT NOT NULL,
    village_id TEXT NOT NULL,
    cases      INTEGER NOT NULL DEFAULT 0,
    resolved   INTEGER NOT NULL DEFAULT 0,
    in_village INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, village_id)
) WITHOUT ROWID;

INSERT INTO case_month_kinds (month, state, category, source, cases, resolved, in_village, on_time, followed_up, satisfied)
SELECT substr(registered_on, 1, 7), state, category, source, count(*), sum(resolved_on <> ''),
    sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村')), sum(resolved_on <> '' AND resolved_on <= deadline),
    sum(satisfaction <> ''), sum(satisfaction IN ('满意', '基本满意'))
FROM cases WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4;

INSERT INTO case_month_villages (month, village_id, cases, resolved, in_village)
SELECT substr(registered_on, 1, 7), village_id, count(*), sum(resolved_on <> ''),
    sum(resolved_on <> '' AND resolved_level IN ('邻', '组', '片', '村'))
FROM cases WHERE deleted_at IS NULL GROUP BY 1, 2;

-- A live case adds itself; one that stops being live (a tombstone, a row deleted) or changes takes
-- its old counts away first. The WHEN of each statement sits in its SELECT's WHERE, since a trigger
-- has one WHEN for all its statements.
CREATE TRIGGER case_months_insert AFTER INSERT ON cases
WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO case_month_kinds (month, state, category, source, cases, resolved, in_village, on_time, followed_up, satisfied)
    VALUES (substr(NEW.registered_on, 1, 7), NEW.state, NEW.category, NEW.source, 1, NEW.resolved_on <> '',
        NEW.resolved_on <> '' AND NEW.resolved_level IN ('邻', '组', '片', '村'), NEW.resolved_on <> '' AND NEW.resolved_on <= NEW.deadline,
        NEW.satisfaction <> '', NEW.satisfaction IN ('满意', '基本满意'))
    ON CONFLICT (month, state, category, source) DO UPDATE SET cases = cases + 1, resolved = resolved + excluded.resolved,
        in_village = in_village + excluded.in_village, on_time = on_time + excluded.on_time,
        followed_up = followed_up + excluded.followed_up, satisfied = satisfied + excluded.satisfied;
    INSERT INTO case_month_villages (month, village_id, cases, resolved, in_village)
    VALUES (substr(NEW.registered_on, 1, 7), NEW.village_id, 1, NEW.resolved_on <> '',
        NEW.resolved_on <> '' AND NEW.resolved_level IN ('邻', '组', '片', '村'))
    ON CONFLICT (month, village_id) DO UPDATE SET cases = cases + 1, resolved = resolved + excluded.resolved,
        in_village = in_village + excluded.in_village;
END;

CREATE TRIGGER case_months_delete AFTER DELETE ON cases
WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE case_month_kinds SET cases = cases - 1, resolved = resolved - (OLD.resolved_on <> ''),
        in_village = in_village - (OLD.resolved_on <> '' AND OLD.resolved_level IN ('邻', '组', '片', '村')),
        on_time = on_time - (OLD.resolved_on <> '' AND OLD.resolved_on <= OLD.deadline),
        followed_up = followed_up - (OLD.satisfaction <> ''), satisfied = satisfied - (OLD.satisfaction IN ('满意', '基本满意'))
    WHERE month = substr(OLD.registered_on, 1, 7) AND state = OLD.state AND category = OLD.category AND source = OLD.source;
    UPDATE case_month_villages SET cases = cases - 1, resolved = resolved - (OLD.resolved_on <> ''),
        in_village = in_village - (OLD.resolved_on <> '' AND OLD.resolved_level IN ('邻', '组', '片', '村'))
    WHERE month = substr(OLD.registered_on, 1, 7) AND village_id = OLD.village_id;
END;

CREATE TRIGGER case_months_update AFTER UPDATE OF registered_on, state, category, source, village_id, deadline,
    resolved_on, resolved_level, satisfaction, deleted_at ON cases
BEGIN
    UPDATE case_month_kinds SET cases = cases - 1, resolved = resolved - (OLD.resolved_on <> ''),
        in_village = in_village - (OLD.resolved_on <> '' AND OLD.resolved_level IN ('邻', '组', '片', '村')),
        on_time = on_time - (OLD.resolved_on <> '' AND OLD.resolved_on <= OLD.deadline),
        followed_up = followed_up - (OLD.satisfaction <> ''), satisfied = satisfied - (OLD.satisfaction IN ('满意', '基本满意'))
    WHERE OLD.deleted_at IS NULL
      AND month = substr(OLD.registered_on, 1, 7) AND state = OLD.state AND category = OLD.category AND source = OLD.source;
    UPDATE case_month_villages SET cases = cases - 1, resolved = resolved - (OLD.resolved_on <> ''),
        in_village = in_village - (OLD.resolved_on <> '' AND OLD.resolved_level IN ('邻', '组', '片', '村'))
    WHERE OLD.deleted_at IS NULL AND month = substr(OLD.registered_on, 1, 7) AND village_id = OLD.village_id;
    INSERT INTO case_month_kinds (month, state, category, source, cases, resolved, in_village, on_time, followed_up, satisfied)
    SELECT substr(NEW.registered_on, 1, 7), NEW.state, NEW.category, NEW.source, 1, NEW.resolved_on <> '',
        NEW.resolved_on <> '' AND NEW.resolved_level IN ('邻', '组', '片', '村'), NEW.resolved_on <> '' AND NEW.resolved_on <= NEW.deadline,
        NEW.satisfaction <> '', NEW.satisfaction IN ('满意', '基本满意')
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT (month, state, category, source) DO UPDATE SET cases = cases + 1, resolved = resolved + excluded.resolved,
        in_village = in_village + excluded.in_village, on_time = on_time + excluded.on_time,
        followed_up = followed_up + excluded.followed_up, satisfied = satisfied + excluded.satisfied;
    INSERT INTO case_month_villages (month, village_id, cases, resolved, in_village)
    SELECT substr(NEW.registered_on, 1, 7), NEW.village_id, 1, NEW.resolved_on <> '',
        NEW.resolved_on <> '' AND NEW.resolved_level IN ('邻', '组', '片', '村')
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT (month, village_id) DO UPDATE SET cases = cases + 1, resolved = resolved + excluded.resolved,
        in_village = in_village + excluded.in_village;
END;
