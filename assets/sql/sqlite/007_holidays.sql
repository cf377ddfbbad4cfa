-- Holiday arrangements imported with `gongkai calendar import` (the State Council's yearly
-- notice, CSV form of shared/data/cn-holidays.csv). The built-in years are compiled into the
-- binary (assets/calendar/cn-holidays.csv); a year imported here replaces them, and a year
-- known to neither is provisional (Monday to Friday). Due dates are never stored, so an
-- import corrects every answer at once.
CREATE TABLE holiday_years (
  year        INTEGER PRIMARY KEY CHECK (year BETWEEN 2004 AND 2099),
  source      TEXT NOT NULL,   -- the imported file's name
  imported_at TEXT NOT NULL    -- UTC, YYYY-MM-DDTHH:MM:SSZ
);

CREATE TABLE holidays (
  date TEXT PRIMARY KEY,       -- YYYY-MM-DD
  year INTEGER NOT NULL REFERENCES holiday_years(year),
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL
);
CREATE INDEX holidays_year ON holidays(year);
