-- The merit shops (道德超市) of the villages (backend/points): households earn points for public-good
-- work by the office's rules, lose them for what the rules deduct, and spend them on the shop's goods.
-- Every table is shared (system columns); nothing is UNIQUE, so two offices' ledgers merge without
-- aborting. A balance is the sum of a household's entries; the rules it must keep (never negative,
-- one credit per activity, household and day) are kept by the code that writes the entries.

-- What earns points: an activity and how many points a unit of it earns (e.g. 志愿服务, 5 per half
-- day). village_id '' for a rule of every village.
CREATE TABLE point_rules (
    id          TEXT PRIMARY KEY,
    village_id  TEXT NOT NULL DEFAULT '',
    activity    TEXT NOT NULL CHECK (length(activity) BETWEEN 1 AND 40),
    category    TEXT NOT NULL DEFAULT '',             -- 志愿服务, 环境卫生, 孝老爱亲, 参与调解, 移风易俗, 其他
    points      INTEGER NOT NULL CHECK (points BETWEEN 1 AND 1000),
    unit        TEXT NOT NULL DEFAULT '次',           -- 次, 半天, 月 …
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX point_rules_village ON point_rules (village_id) WHERE deleted_at IS NULL;

-- The goods of a village's shop, their price in points and the stock left.
CREATE TABLE point_goods (
    id          TEXT PRIMARY KEY,
    village_id  TEXT NOT NULL REFERENCES villages (id),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    unit        TEXT NOT NULL DEFAULT '件',
    price       INTEGER NOT NULL CHECK (price BETWEEN 1 AND 100000),
    stock       INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX point_goods_village ON point_goods (village_id) WHERE deleted_at IS NULL;

-- A household's points: earned (获得, points > 0, by a rule), deducted (扣分, points < 0, with a reason) or
-- spent on goods (兑换, points < 0, with the goods and quantity). A mistaken entry is withdrawn
-- (tombstoned) with the reason, never edited.
CREATE TABLE point_entries (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households (id),
    village_id   TEXT NOT NULL REFERENCES villages (id),
    on_date      TEXT NOT NULL,                        -- ISO date of the deed, the deduction or the redemption
    kind         TEXT NOT NULL CHECK (kind IN ('获得', '扣分', '兑换')),
    rule_id      TEXT NOT NULL DEFAULT '',
    goods_id     TEXT NOT NULL DEFAULT '',
    activity     TEXT NOT NULL,                        -- the rule's activity, the goods' name or 扣分
    quantity     INTEGER NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 1000),
    points       INTEGER NOT NULL CHECK (points <> 0),
    reason       TEXT NOT NULL DEFAULT '',
    approver     TEXT NOT NULL CHECK (length(approver) BETWEEN 1 AND 30),
    withdrawn    TEXT NOT NULL DEFAULT '',             -- why it was withdrawn
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX point_entries_household ON point_entries (household_id, on_date) WHERE deleted_at IS NULL;
CREATE INDEX point_entries_village ON point_entries (village_id, on_date) WHERE deleted_at IS NULL;
