//! The printed pages behind a text, and citations to them. A Kanripo transcription marks
//! where each page of its base edition begins (`<pb:KR2b0003_SBCK_001-1a>`: work, edition,
//! 卷 and leaf), so every byte of the text lies on a page: the last one begun before it.
//! With the 卷 and the year around it, that makes a citation in the common Chinese form,
//! 書名 · 卷 · 篇 · 年 · 頁: `資治通鑑 卷一 周紀一 威烈王二十三年 (前403), SBCK 1-1a`.
//!
//! Also the places a reader names by the book rather than by the year: a page (`1-1a`,
//! `SBCK 1-1a`) and a volume (`卷十三`, `卷13`). Pure functions of the text and the model;
//! the reader's status line, its `:` prompt and `annals show --cite` use them.

use std::fmt;

use super::query::ce_label;
use super::{Chronicle, Span, numerals};

/// One page marker of a Kanripo text: `<pb:KR2b0003_SBCK_001-1a>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the marker is written (byte offsets into the text).
    pub span: Span,
    /// The edition (`SBCK` 四部叢刊, `WYG` 文淵閣四庫全書), or the marker's whole name when
    /// it is not in the usual `WORK_EDITION_NNN-LEAF` form.
    pub edition: String,
    /// The 卷 the page belongs to, as the marker numbers it (`001` is 1; a preface is 0).
    pub juan: Option<u32>,
    /// The leaf and its side: `1a` (recto) or `1b` (verso).
    pub leaf: String,
}

impl Page {
    /// The page as a citation gives it: `SBCK 1-1a`.
    pub fn label(&self) -> String {
        match self.juan {
            Some(j) => format!("{} {j}-{}", self.edition, self.leaf),
            None => self.edition.clone(),
        }
    }

    /// Read a marker's name (what is between `<pb:` and `>`).
    fn parse(name: &str, span: Span) -> Page {
        let mut parts = name.rsplitn(2, '_');
        let last = parts.next().unwrap_or("");
        let before = parts.next();
        let edition = before.and_then(|b| b.split_once('_')).map(|(_, e)| e);
        let juan_leaf = last.split_once('-').and_then(|(j, l)| {
            let juan = j.parse::<u32>().ok()?;
            let ok = !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric());
            ok.then(|| (juan, l.to_ascii_lowercase()))
        });
        match (edition, juan_leaf) {
            (Some(edition), Some((juan, leaf))) if !edition.is_empty() => Page {
                span,
                edition: edition.to_owned(),
                juan: Some(juan),
                leaf,
            },
            _ => Page {
                span,
                edition: name.to_owned(),
                juan: None,
                leaf: String::new(),
            },
        }
    }
}

/// Every page marker of a text, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    pages: Vec<Page>,
}

/// The longest marker name read (a longer `<pb:` is not a marker).
const MAX_NAME: usize = 200;

impl Pages {
    /// The page markers of `text` (empty for a text that has none). Linear time.
    pub fn of(text: &str) -> Pages {
        let mut pages = Vec::new();
        let finder = memchr::memmem::Finder::new(b"<pb:");
        let bytes = text.as_bytes();
        for at in finder.find_iter(bytes) {
            let from = at + 4;
            let window = &bytes[from..bytes.len().min(from + MAX_NAME)];
            let Some(len) = memchr::memchr2(b'>', b'\n', window) else {
                continue;
            };
            if window[len] != b'>' {
                continue;
            }
            let name = &text[from..from + len];
            pages.push(Page::parse(name, Span::new(at, from + len + 1)));
        }
        Pages { pages }
    }

    /// Whether the text marks no page.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// All the pages, in text order.
    pub fn all(&self) -> &[Page] {
        &self.pages
    }

    /// The page byte `offset` is on: the last one whose marker starts at or before it.
    /// `None` before the first marker.
    pub fn at(&self, offset: usize) -> Option<&Page> {
        let i = self.pages.partition_point(|p| p.span.start <= offset);
        i.checked_sub(1).map(|i| &self.pages[i])
    }

    /// The first page of 卷 `juan` with leaf `leaf` (`1a`; a leaf without its side is its
    /// recto), in edition `edition` when one is given.
    pub fn find(&self, edition: Option<&str>, juan: u32, leaf: &str) -> Option<&Page> {
        let leaf = leaf.to_ascii_lowercase();
        let with_side = if leaf.ends_with(|c: char| c.is_ascii_digit()) {
            format!("{leaf}a")
        } else {
            leaf
        };
        self.pages.iter().find(|p| {
            p.juan == Some(juan)
                && p.leaf == with_side
                && edition.is_none_or(|e| p.edition.eq_ignore_ascii_case(e))
        })
    }
}

/// A place in a book named by the book rather than by a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A page: `1-1a`, `SBCK 1-1a`, `1-2` (the recto).
    Page {
        /// The edition named, if one is.
        edition: Option<String>,
        /// The 卷 number in the page marker.
        juan: u32,
        /// The leaf, with or without its side (`1a`, `2`).
        leaf: String,
    },
    /// A volume by its number: `卷十三`, `卷之十三`, `卷13`.
    Volume(u32),
}

impl Place {
    /// Read `input` as a page or a volume; `None` when it is neither (it may be a year).
    pub fn parse(input: &str) -> Option<Place> {
        let s = input.trim();
        if let Some(rest) = s.strip_prefix('卷') {
            let rest = rest.strip_prefix('之').unwrap_or(rest).trim();
            let rest = rest.strip_prefix('第').unwrap_or(rest);
            let n = if rest.bytes().all(|b| b.is_ascii_digit()) {
                rest.parse().ok()
            } else {
                numerals::value(rest)
            };
            return n.filter(|&n| n > 0).map(Place::Volume);
        }
        let (edition, page) = match s.rsplit_once(' ') {
            Some((e, p)) if !e.trim().is_empty() && e.trim().is_ascii() => {
                (Some(e.trim().to_owned()), p)
            }
            _ => (None, s),
        };
        let (juan, leaf) = page.split_once('-')?;
        let juan: u32 = juan
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| juan.parse().ok())??;
        let digits = leaf.bytes().take_while(u8::is_ascii_digit).count();
        let side = &leaf[digits..];
        let leaf_ok = digits > 0 && matches!(side, "" | "a" | "b" | "A" | "B");
        leaf_ok.then(|| Place::Page {
            edition,
            juan,
            leaf: leaf.to_ascii_lowercase(),
        })
    }
}

/// The volume (卷) holding byte `offset`: an index into [`Chronicle::volumes`].
pub fn volume_at(c: &Chronicle, offset: usize) -> Option<usize> {
    let i = c.volumes.partition_point(|v| v.span.start <= offset);
    let i = i.checked_sub(1)?;
    c.volumes[i].span.contains(offset).then_some(i)
}

/// The volume numbered `number` (卷十三 is 13), if the book has it.
pub fn volume_numbered(c: &Chronicle, number: u32) -> Option<usize> {
    c.volumes.iter().position(|v| v.number == Some(number))
}

/// A citation of a place in a book, in the common Chinese form: 書名 · 卷 · 篇 · 年 · 頁.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Citation {
    /// The book's title (書名): `資治通鑑`.
    pub title: Option<String>,
    /// The volume (卷) and its title (篇): `卷一 周紀一`.
    pub volume: Option<String>,
    /// The year, with its CE year (`?` when doubtful): `威烈王二十三年 (前403)`; or the
    /// part of the book outside the annals (`序`, `卷一 校勘記`).
    pub year: Option<String>,
    /// The page of the base edition: `SBCK 1-1a`.
    pub page: Option<String>,
}

impl Citation {
    /// The citation of byte `offset` of `c`, on the pages `pages`.
    pub fn of(c: &Chronicle, pages: &Pages, offset: usize) -> Citation {
        let volume = volume_at(c, offset).map(|v| c.volumes[v].display_name());
        let year = match c.entry_at(offset) {
            Some(i) => {
                let e = &c.entries[i];
                let doubt = if e.doubts.is_empty() { "" } else { "?" };
                Some(match e.ce {
                    Some(ce) => format!("{} ({}{doubt})", c.full_label(e), ce_label(ce)),
                    None => c.full_label(e),
                })
            }
            None => {
                let (label, _) = crate::view::place_label(c, offset);
                // A volume's own text is named by the volume already.
                (volume.as_deref() != Some(label.as_str())).then_some(label)
            }
        };
        Citation {
            title: c.title.clone(),
            volume,
            year,
            page: pages.at(offset).map(Page::label),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for part in [&self.title, &self.volume, &self.year]
            .into_iter()
            .flatten()
        {
            // A title that names its volume already (`契丹國志 卷十 天祚皇帝上`) is not
            // followed by it again.
            if !first
                && self
                    .title
                    .as_deref()
                    .is_some_and(|t| t.ends_with(part.as_str()))
            {
                continue;
            }
            if !first {
                f.write_str(" ")?;
            }
            f.write_str(part)?;
            first = false;
        }
        if let Some(page) = &self.page {
            if !first {
                f.write_str(", ")?;
            }
            f.write_str(page)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_edition_juan_and_leaf() {
        let text = "#+TITLE: 資治通鑑\n<pb:KR2b0007_SBCK_001-1a>¶\n周紀一¶\n<pb:KR2b0007_SBCK_001-1b>¶\n威烈王¶\n<pb:odd>¶\n";
        let pages = Pages::of(text);
        let labels: Vec<String> = pages.all().iter().map(Page::label).collect();
        assert_eq!(labels, ["SBCK 1-1a", "SBCK 1-1b", "odd"]);
        assert_eq!(pages.at(0), None, "before the first marker");
        let zhou = text.find("周紀一").unwrap();
        assert_eq!(pages.at(zhou).unwrap().label(), "SBCK 1-1a");
        let wei = text.find("威烈王").unwrap();
        assert_eq!(pages.at(wei).unwrap().label(), "SBCK 1-1b");
        // The marker itself is on its page.
        let second = text.find("<pb:KR2b0007_SBCK_001-1b").unwrap();
        assert_eq!(pages.at(second).unwrap().leaf, "1b");
        assert_eq!(pages.find(None, 1, "1b").unwrap().span.start, second);
        assert_eq!(pages.find(None, 1, "1").unwrap().leaf, "1a");
        assert_eq!(pages.find(Some("sbck"), 1, "1A").unwrap().leaf, "1a");
        assert!(pages.find(Some("WYG"), 1, "1a").is_none());
        assert!(pages.find(None, 2, "1a").is_none());
    }

    #[test]
    fn an_unclosed_marker_is_not_a_page() {
        assert!(Pages::of("<pb:KR2b0007_SBCK_001-1a\n乾統元年").is_empty());
        assert!(Pages::of("").is_empty());
    }

    #[test]
    fn places_by_page_and_volume() {
        let page = |e: Option<&str>, j, l: &str| Place::Page {
            edition: e.map(str::to_owned),
            juan: j,
            leaf: l.to_owned(),
        };
        assert_eq!(Place::parse("1-1a"), Some(page(None, 1, "1a")));
        assert_eq!(Place::parse(" 13-22B "), Some(page(None, 13, "22b")));
        assert_eq!(Place::parse("1-2"), Some(page(None, 1, "2")));
        assert_eq!(Place::parse("SBCK 1-1a"), Some(page(Some("SBCK"), 1, "1a")));
        assert_eq!(Place::parse("卷十三"), Some(Place::Volume(13)));
        assert_eq!(Place::parse("卷之十三"), Some(Place::Volume(13)));
        assert_eq!(Place::parse("卷第二"), Some(Place::Volume(2)));
        assert_eq!(Place::parse("卷13"), Some(Place::Volume(13)));
        // Years are not places.
        for year in [
            "1115",
            "-403",
            "前403",
            "天慶五年",
            "1-",
            "-1a",
            "1-a",
            "1-1c",
            "卷",
            "卷〇",
        ] {
            assert_eq!(Place::parse(year), None, "{year}");
        }
    }

    #[test]
    fn a_citation_names_book_volume_year_and_page() {
        let c = Chronicle::parse(
            std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/kanripo/xintangshu-benji.txt"
            ))
            .unwrap(),
        );
        let pages = Pages::of(&c.text);
        let e = &c.entries[0];
        let cite = Citation::of(&c, &pages, e.span.start);
        assert_eq!(cite.title.as_deref(), Some("新唐書"));
        assert_eq!(cite.volume.as_deref(), Some("卷一 本紀第一"));
        assert_eq!(
            cite.to_string(),
            format!(
                "新唐書 卷一 本紀第一 {} (618), {}",
                c.full_label(e),
                pages.at(e.span.start).unwrap().label()
            )
        );
        assert!(cite.to_string().ends_with(", WYG 1-8a"), "{cite}");
        // The embedded text: no pages, a title that holds its volume.
        let seed = Chronicle::embedded();
        let at = seed.entries[14].span.start;
        assert_eq!(
            Citation::of(&seed, &Pages::of(&seed.text), at).to_string(),
            "契丹國志 卷十 天祚皇帝上 天慶五年 (1115)"
        );
    }
}
