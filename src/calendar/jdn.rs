//! Julian Day Numbers and the proleptic Julian and Gregorian calendars.
//! (To be filled in.)
