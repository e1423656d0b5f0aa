-- The day a campaign's 公示 was first posted: objections are received from that day (a list posted
-- on a Saturday is read that weekend), though its working-day period starts on the next working day.
ALTER TABLE selection_campaigns ADD COLUMN posted_on TEXT NOT NULL DEFAULT '';
