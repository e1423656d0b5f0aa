-- Selections (backend/selections): 文明家庭, 最美家庭, 五星级文明户, 身边好人, 道德模范 and 好儿媳,
-- from nomination through the panel's scores, the 公示 and its objections, to the approved list and
-- the honours. Every table is shared (system columns) and nothing is UNIQUE, so two offices' campaigns
-- merge without aborting.

-- A campaign: its kind and year, its scope (a village, or '' for the township), the quota, the days
-- its phases close, the 公示 period in working days, and the phase it is in.
CREATE TABLE selection_campaigns (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('文明家庭', '最美家庭', '五星级文明户', '身边好人', '道德模范', '好儿媳')),
    year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),
    village_id     TEXT NOT NULL DEFAULT '',             -- '' for the whole township
    quota          INTEGER NOT NULL CHECK (quota BETWEEN 1 AND 1000),
    basis          TEXT NOT NULL DEFAULT '',             -- the document or meeting that set it up
    vetoes         TEXT NOT NULL DEFAULT '[]',           -- JSON list of the 一票否决 conditions
    min_points     INTEGER NOT NULL DEFAULT 0 CHECK (min_points >= 0), -- points earned in the year a household needs
    nominate_until TEXT NOT NULL,                        -- ISO: 推荐 closes
    review_until   TEXT NOT NULL,                        -- 初审 closes
    score_until    TEXT NOT NULL,                        -- 评议打分 closes
    notice_days    INTEGER NOT NULL DEFAULT 5 CHECK (notice_days BETWEEN 1 AND 30),
    notice_start   TEXT NOT NULL DEFAULT '',             -- the 公示's first and last working day
    notice_end     TEXT NOT NULL DEFAULT '',
    phase          TEXT NOT NULL CHECK (phase IN ('推荐', '初审', '评议打分', '公示', '审定', '表彰')),
    decided_on     TEXT NOT NULL DEFAULT '',             -- the approved list
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX selection_campaigns_year ON selection_campaigns (year, kind) WHERE deleted_at IS NULL;

-- What the panel scores, each out of its weight (the weights of a campaign add up to 100).
CREATE TABLE selection_criteria (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES selection_campaigns (id),
    position    INTEGER NOT NULL DEFAULT 0,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    weight      INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX selection_criteria_campaign ON selection_criteria (campaign_id, position) WHERE deleted_at IS NULL;

-- A household (or a person of it) put forward, by whom, for what deeds; the 初审 and, when a veto
-- applies, which (a reason, never the personal detail behind it); removed when an objection held.
CREATE TABLE selection_nominations (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES selection_campaigns (id),
    household_id  TEXT NOT NULL REFERENCES households (id),
    resident_id   TEXT NOT NULL DEFAULT '',             -- the person, for 身边好人, 道德模范, 好儿媳
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30), -- as the lists show it: 杨秀英家庭, 杨秀英
    village_id    TEXT NOT NULL REFERENCES villages (id),
    recommender   TEXT NOT NULL CHECK (recommender IN ('本人自荐', '邻长推荐', '村推荐')),
    recommended_by TEXT NOT NULL DEFAULT '',
    deeds         TEXT NOT NULL CHECK (length(deeds) BETWEEN 1 AND 2000),
    review        TEXT NOT NULL DEFAULT '' CHECK (review IN ('', '通过', '不通过')),
    review_reason TEXT NOT NULL DEFAULT '',
    veto          TEXT NOT NULL DEFAULT '',
    removed       TEXT NOT NULL DEFAULT '',             -- why an objection removed it
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX selection_nominations_campaign ON selection_nominations (campaign_id) WHERE deleted_at IS NULL;
CREATE INDEX selection_nominations_household ON selection_nominations (household_id) WHERE deleted_at IS NULL;

-- The panel (评议小组): people from the registry (resident_id) or named only.
CREATE TABLE selection_panel (
    id          TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES selection_campaigns (id),
    resident_id TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    role        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX selection_panel_campaign ON selection_panel (campaign_id) WHERE deleted_at IS NULL;

-- A member who does not score a nominee: of the same household (auto = 1) or by declaration.
CREATE TABLE selection_recusals (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES selection_campaigns (id),
    member_id     TEXT NOT NULL REFERENCES selection_panel (id),
    nomination_id TEXT NOT NULL REFERENCES selection_nominations (id),
    reason        TEXT NOT NULL CHECK (length(reason) >= 1),
    auto          INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX selection_recusals_campaign ON selection_recusals (campaign_id) WHERE deleted_at IS NULL;

-- A member's score of a nominee on a criterion (a later score of the same three replaces it).
CREATE TABLE selection_scores (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES selection_campaigns (id),
    member_id     TEXT NOT NULL REFERENCES selection_panel (id),
    nomination_id TEXT NOT NULL REFERENCES selection_nominations (id),
    criterion_id  TEXT NOT NULL REFERENCES selection_criteria (id),
    score         INTEGER NOT NULL CHECK (score >= 0),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX selection_scores_campaign ON selection_scores (campaign_id, nomination_id) WHERE deleted_at IS NULL;

-- An objection received during the 公示: who, when, what, how it was checked, and the result.
CREATE TABLE selection_objections (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES selection_campaigns (id),
    nomination_id TEXT NOT NULL REFERENCES selection_nominations (id),
    by_whom       TEXT NOT NULL CHECK (length(by_whom) BETWEEN 1 AND 30),
    received_on   TEXT NOT NULL,
    content       TEXT NOT NULL CHECK (length(content) >= 1),
    verification  TEXT NOT NULL DEFAULT '',
    result        TEXT NOT NULL DEFAULT '' CHECK (result IN ('', '成立', '不成立')),
    decided_on    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX selection_objections_campaign ON selection_objections (campaign_id) WHERE deleted_at IS NULL;

-- An honour a household (or a person of it) received: recorded when the campaign is commended.
CREATE TABLE honours (
    id            TEXT PRIMARY KEY,
    household_id  TEXT NOT NULL REFERENCES households (id),
    resident_id   TEXT NOT NULL DEFAULT '',
    campaign_id   TEXT NOT NULL REFERENCES selection_campaigns (id),
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60), -- 2026年度文明家庭
    year          INTEGER NOT NULL,
    certificate   TEXT NOT NULL DEFAULT '',             -- the certificate's number
    awarded_on    TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX honours_household ON honours (household_id) WHERE deleted_at IS NULL;
