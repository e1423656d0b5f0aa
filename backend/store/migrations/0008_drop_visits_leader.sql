-- No query reads visits by leader (the tracker goes from neighbourhoods to their leaders, and leaders
-- are tombstoned, never deleted, so the foreign key never looks visits up by leader either): the index
-- only cost space, 25 MB on a county's 388,000 visits.
DROP INDEX visits_leader;
