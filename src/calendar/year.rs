//! CE years as historians number them: 1 BCE is followed by 1 CE, there is no year 0.

use std::fmt;

use serde::{Serialize, Serializer};

/// A year of the Common Era in historians' numbering: `-403` is 403 BCE, `1115` is 1115 CE,
/// and there is no year 0 (the year before 1 is -1). Astronomical numbering, used by the
/// DDBC tables and by astronomy, counts 1 BCE as 0 and 403 BCE as -402: convert with
/// [`CeYear::from_astronomical`] and [`CeYear::astronomical`].
///
/// Serialises as the plain integer (`-403`); displays as `1115` or `前403`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CeYear(i32);

impl CeYear {
    /// The year numbered `n` (negative for BCE); `None` for 0.
    pub const fn new(n: i32) -> Option<CeYear> {
        if n == 0 { None } else { Some(CeYear(n)) }
    }

    /// The year whose astronomical number is `n` (0 = 1 BCE, -402 = 403 BCE).
    pub const fn from_astronomical(n: i32) -> CeYear {
        CeYear(if n <= 0 { n - 1 } else { n })
    }

    /// The historians' number: negative for BCE, never 0.
    pub const fn get(self) -> i32 {
        self.0
    }

    /// The astronomical number (1 BCE = 0).
    pub const fn astronomical(self) -> i32 {
        if self.0 < 0 { self.0 + 1 } else { self.0 }
    }

    /// The year `n` years later (earlier when `n` is negative), skipping the missing
    /// year 0: `CeYear(-1).add(1)` is 1. (A method rather than `+`: the arithmetic is not
    /// an integer's.)
    #[allow(clippy::should_implement_trait)]
    pub fn add(self, n: i32) -> CeYear {
        CeYear::from_astronomical(self.astronomical() + n)
    }

    /// How many years `self` is after `earlier` (negative when before): 1 CE is one year
    /// after 1 BCE.
    pub fn since(self, earlier: CeYear) -> i32 {
        self.astronomical() - earlier.astronomical()
    }

    /// Whether this is a year before the Common Era.
    pub const fn is_bce(self) -> bool {
        self.0 < 0
    }
}

impl fmt::Display for CeYear {
    /// `1115`, or `前403` for 403 BCE.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 0 {
            write!(f, "前{}", -self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl Serialize for CeYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_year_zero() {
        assert_eq!(CeYear::new(0), None);
        let bce1 = CeYear::new(-1).unwrap();
        assert_eq!(bce1.add(1).get(), 1);
        assert_eq!(CeYear::new(1).unwrap().add(-1).get(), -1);
        assert_eq!(CeYear::new(1).unwrap().since(bce1), 1);
        assert_eq!(CeYear::new(-140).unwrap().add(139).get(), -1);
        assert_eq!(CeYear::new(-140).unwrap().add(140).get(), 1);
    }

    #[test]
    fn astronomical_numbering() {
        assert_eq!(CeYear::from_astronomical(0).get(), -1);
        assert_eq!(CeYear::from_astronomical(-139).get(), -140);
        assert_eq!(CeYear::from_astronomical(1115).get(), 1115);
        for n in [-3000, -404, -1, 1, 2, 1912] {
            let y = CeYear::new(n).unwrap();
            assert_eq!(CeYear::from_astronomical(y.astronomical()), y);
        }
    }

    #[test]
    fn display() {
        assert_eq!(CeYear::new(-403).unwrap().to_string(), "前403");
        assert_eq!(CeYear::new(1115).unwrap().to_string(), "1115");
    }
}
