-- The holiday arrangements an office enters itself: a year the built-in calendar does not know yet
-- (lunar-go's table ends with the last year announced when it was released), or a year corrected.
-- One row per holiday of the State Council's notice: its days off, from first_day to last_day, and
-- the weekend days made working days for it (调休上班). The year of the notice is year; its days may
-- begin in the December before. Shared, so that a county can enter a year once for its offices.
CREATE TABLE holidays (
    id         TEXT PRIMARY KEY,
    year       INTEGER NOT NULL,
    name       TEXT NOT NULL,               -- 元旦, 春节, 清明节 …
    first_day  TEXT NOT NULL,               -- ISO date: the first day off
    last_day   TEXT NOT NULL,               -- ISO date: the last day off
    work_days  TEXT NOT NULL DEFAULT '',    -- ISO dates, separated by spaces: weekend days worked for it
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX holidays_year ON holidays (year, first_day) WHERE deleted_at IS NULL;
