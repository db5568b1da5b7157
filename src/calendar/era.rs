//! The era table: regimes (朝代, 政權), rulers and their eras (年號), and rulers' years
//! counted before eras existed. (To be filled in: see `scripts/calendar/`.)
