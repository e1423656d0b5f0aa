-- 矛盾纠纷 cases record how their mediation ended when they are resolved (办结): 调解成功 (the parties
-- agreed; a 人民调解协议书 can be issued), 调解不成 (closed with the advice given: which way the parties
-- can go on, e.g. 诉讼, 仲裁), or 转交 (handed to another body — 司法所, 法院, 信访, 派出所, 仲裁 —
-- named in mediation_to). '' for every other category, for a dispute not yet resolved, for one
-- whose resolution a 不满意 follow-up undid, and for disputes imported from a ledger without it.
ALTER TABLE cases ADD COLUMN mediation TEXT NOT NULL DEFAULT '' CHECK (mediation IN ('', '调解成功', '调解不成', '转交'));
ALTER TABLE cases ADD COLUMN mediation_to TEXT NOT NULL DEFAULT '' CHECK (length(mediation_to) <= 40);
-- The 统计 screen counts the disputes mediated in a period (of a village): only those rows, from this
-- index alone (the covering index cases_by_day does not hold mediation, and widening it would rebuild
-- the largest index of a county's database). mediation and deleted_at are columns of it too: without
-- them SQLite reads every such row from the table to check its own WHERE (EXPLAIN QUERY PLAN says
-- USING INDEX, not USING COVERING INDEX).
CREATE INDEX cases_mediated ON cases (registered_on, village_id, category, mediation, deleted_at)
    WHERE deleted_at IS NULL AND mediation = '调解成功';
