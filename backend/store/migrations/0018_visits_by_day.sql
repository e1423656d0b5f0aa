-- Visits held in a period (the 统计 screen counts them for a year): without an index by day, a count
-- read every visit of the county (about 400,000: 0.1 s); with it, only those of the period.
CREATE INDEX visits_by_day ON visits (visit_date) WHERE deleted_at IS NULL;
