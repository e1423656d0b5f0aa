-- The 民情 lists and the 统计 screen on a county (over 200,000 cases): a case row is wide (具体情况
-- runs to thousands of characters), so a filter on a column without an index, or a count, or a
-- GROUP BY, read the whole table — 0.1 to 0.8 s each. This index holds every column the lists filter
-- and order by (反映事项 the only text) and the statistics count, and the id that words found in
-- the full-text index are matched by, in the order of the default list (newest first): such a query
-- is answered from it alone, and a page reads only its own rows.
CREATE INDEX cases_by_day ON cases (registered_on, number, state, category, source, level, village_id, handler,
    deadline, resolved_on, resolved_level, satisfaction, summary, id) WHERE deleted_at IS NULL;
