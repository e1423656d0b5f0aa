-- What kind of office a database belongs to: a township (乡镇), the county office (县), or a
-- village legal adviser's laptop (法律顾问). Sharing and the screens shown depend on it.
ALTER TABLE offices ADD COLUMN kind TEXT NOT NULL DEFAULT 'township'
    CHECK (kind IN ('township', 'county', 'adviser'));
