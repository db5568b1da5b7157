//! Variant characters (異體字) in names of eras, rulers, 干支 and numerals.
//! (To be filled in.)
