"""Date and time formats per language where Django's own do not suit this site (FORMAT_MODULE_PATH): every
language gets a date with its weekday for events and trainings (DATETIME_FORMAT), written as that language writes
it. Django's modules still give everything not set here; Leichte Sprache (de_X-ls) sets only the time and
falls back to German for the rest."""
