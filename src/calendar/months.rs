//! The historical lunar calendar: every month of every regime's calendar, with the Julian
//! Day Number of its first day (朔). (To be filled in.)
