//! List overlays: the help screen (from the keymap), the concordance of search hits (with
//! its `/` filter) and the choice between entries of a year written twice.

use ratatui::layout::Rect;

use super::{App, Mode};
use crate::layout::{self, prefix_fitting, str_width};
use crate::search::{self, Mode as SearchMode, Query};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Scope};
use crate::view::place_label;

/// A list overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListKind {
    /// The help screen, laid out for the box it is in.
    Help(HelpLayout),
    /// Every search hit in context.
    Concordance,
    /// Several entries for one year: pick one.
    Choose(Vec<usize>),
}

/// The state of a list overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    /// What it lists.
    pub kind: ListKind,
    /// The items shown (after filtering): indices into the underlying list.
    pub items: Vec<usize>,
    /// The selected item (index into `items`).
    pub selected: usize,
    /// The first item on screen.
    pub offset: usize,
    /// Filter text (concordance).
    pub filter: String,
    /// The filter prompt is open.
    pub filtering: bool,
}

/// The help screen laid out for a box: every line whole, descriptions and titles wrapped,
/// key names broken between names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLayout {
    /// The width of the keys' column (from one column in).
    pub keys_width: u16,
    /// Columns from the left of the box's inside to the descriptions.
    pub text_x: u16,
    /// The screen lines.
    pub lines: Vec<HelpLine>,
}

/// One screen line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// Key names (empty on a title's line and on a description's later lines).
    pub keys: String,
    /// A line of the description, or of a title (or the closing note) when `title`.
    pub text: String,
    /// Whether `text` is a title (or the closing note) rather than a description.
    pub title: bool,
}

/// Descriptions narrower than this go below their keys rather than beside them.
const MIN_BESIDE: usize = 30;

/// The help laid out in `width` columns. Beside the keys when there is room (the keys'
/// column as wide as the widest label, at most half of the width, two columns of gap);
/// otherwise each description goes below its keys, indented. Descriptions and titles are
/// wrapped by the layout module's rules, so none is ever cut.
pub fn help_layout(width: u16) -> HelpLayout {
    let source = help_lines();
    let widest = source.iter().map(|(k, _)| str_width(k)).max().unwrap_or(0) as u16;
    let beside = widest.min(width / 2);
    let beside_x = 1 + beside + 2;
    let (keys_width, text_x, stacked) = if usize::from(width.saturating_sub(beside_x)) >= MIN_BESIDE
    {
        (beside, beside_x, false)
    } else {
        (widest.min(width.saturating_sub(1)), 3, true)
    };
    let text_width = usize::from(width.saturating_sub(text_x)).max(1);
    let wrapped = |text: &str, width: usize| -> Vec<String> {
        layout::wrap(text, width)
            .iter()
            .map(|l| text[l.start..l.end].trim_end().to_owned())
            .collect()
    };
    let mut lines = Vec::new();
    for (keys, text) in source {
        if keys.is_empty() {
            let pieces = if text.is_empty() {
                vec![String::new()]
            } else {
                wrapped(&text, usize::from(width).max(1))
            };
            lines.extend(pieces.into_iter().map(|text| HelpLine {
                keys: String::new(),
                text,
                title: true,
            }));
            continue;
        }
        let mut keys = break_between_names(&keys, usize::from(keys_width));
        let mut text = wrapped(&text, text_width);
        if stacked {
            text.splice(0..0, vec![String::new(); keys.len()]);
        }
        keys.resize(keys.len().max(text.len()), String::new());
        text.resize(keys.len(), String::new());
        lines.extend(keys.into_iter().zip(text).map(|(keys, text)| HelpLine {
            keys,
            text,
            title: false,
        }));
    }
    HelpLayout {
        keys_width,
        text_x,
        lines,
    }
}

/// Key names (`Space PgDn Ctrl-F`) in lines of at most `width` columns, broken between
/// names; a name wider than that is cut (to `…`) only when nothing else can be done.
fn break_between_names(keys: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for name in keys.split(' ') {
        let w = str_width(name);
        match lines.last_mut() {
            Some(line) if str_width(line) + 1 + w <= width => {
                line.push(' ');
                line.push_str(name);
            }
            _ if w > width => {
                let cut = prefix_fitting(name, width.saturating_sub(1));
                lines.push(format!("{cut}…"));
            }
            _ => lines.push(name.to_owned()),
        }
    }
    lines
}

impl App<'_> {
    /// Where a list overlay's box is: the screen less two columns on either side and a
    /// row above and below.
    pub fn list_box(&self) -> Rect {
        let (w, h) = self.size;
        let bw = w.saturating_sub(4).max(10).min(w);
        let bh = h.saturating_sub(2).max(3).min(h);
        Rect::new((w - bw) / 2, (h - bh) / 2, bw, bh)
    }

    /// The inside of the list box, less its border and a column of margin either side.
    pub fn list_inner(&self) -> Rect {
        let b = self.list_box();
        Rect {
            x: b.x + 2,
            y: b.y + 1,
            width: b.width.saturating_sub(4),
            height: b.height.saturating_sub(2),
        }
    }

    pub(super) fn open_help(&mut self) {
        self.open_list(ListKind::Help(help_layout(self.list_inner().width)));
    }

    /// The screen changed size: lay the help out again for its new box.
    pub(super) fn relayout_list(&mut self) {
        let width = self.list_inner().width;
        if let Mode::List(l) = &mut self.mode {
            if let ListKind::Help(h) = &mut l.kind {
                *h = help_layout(width);
                l.items = (0..h.lines.len()).collect();
            }
        }
        self.keep_list_visible();
    }

    pub(super) fn open_list(&mut self, kind: ListKind) {
        let len = match &kind {
            ListKind::Help(h) => h.lines.len(),
            ListKind::Concordance => self.search.hits.len(),
            ListKind::Choose(v) => v.len(),
        };
        let selected = match (&kind, self.search.current) {
            (ListKind::Concordance, Some(c)) => c,
            _ => 0,
        };
        self.mode = Mode::List(ListView {
            kind,
            items: (0..len).collect(),
            selected,
            offset: 0,
            filter: String::new(),
            filtering: false,
        });
        self.keep_list_visible();
    }

    pub(super) fn open_concordance(&mut self) {
        if self.search.hits.is_empty() {
            let slash = keymap::hint(Scope::Browse, &Action::OpenSearch);
            self.complain(format!("no hits: search with {slash} first"));
            return;
        }
        self.open_list(ListKind::Concordance);
    }

    /// Rows available to a list overlay.
    pub fn list_height(&self) -> usize {
        usize::from(self.size.1).saturating_sub(4).max(1)
    }

    fn keep_list_visible(&mut self) {
        let h = self.list_height();
        if let Mode::List(l) = &mut self.mode {
            let help = matches!(l.kind, ListKind::Help(_));
            if help {
                // The help screen scrolls; it has no selection.
                let max = l.items.len().saturating_sub(h);
                l.offset = l.selected.min(max);
                l.selected = l.offset;
                return;
            }
            if l.selected < l.offset {
                l.offset = l.selected;
            } else if l.selected >= l.offset + h {
                l.offset = l.selected + 1 - h;
            }
        }
    }

    pub(super) fn apply_list(&mut self, action: Action) {
        let h = self.list_height() as isize;
        let Mode::List(l) = &mut self.mode else {
            return;
        };
        if l.filtering {
            match action {
                Action::Back | Action::Confirm => l.filtering = false,
                Action::Backspace => {
                    l.filter.pop();
                    self.refilter();
                }
                Action::ClearInput => {
                    l.filter.clear();
                    self.refilter();
                }
                Action::Type(c) if !c.is_control() => {
                    l.filter.push(c);
                    self.refilter();
                }
                Action::Quit => self.quit = true,
                _ => {}
            }
            return;
        }
        let len = l.items.len() as isize;
        let mut moved = |delta: isize| {
            let s = (l.selected as isize + delta).clamp(0, (len - 1).max(0));
            l.selected = s as usize;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Back | Action::Help => {
                if !l.filter.is_empty() {
                    l.filter.clear();
                    self.refilter();
                } else {
                    self.mode = Mode::Browse;
                }
                return;
            }
            Action::Down => moved(1),
            Action::Up => moved(-1),
            Action::PageDown => moved(h - 1),
            Action::PageUp => moved(-(h - 1)),
            Action::First => moved(-len),
            Action::Last => moved(len),
            Action::OpenSearch if l.kind == ListKind::Concordance => l.filtering = true,
            // Elsewhere (the help, a choice of entries) a search is what `/` is typed for:
            // the list closes and the search prompt opens.
            Action::OpenSearch => {
                self.mode = Mode::Browse;
                self.open_search();
                return;
            }
            Action::Activate => {
                let item = l.items.get(l.selected).copied();
                let kind = l.kind.clone();
                match (kind, item) {
                    (ListKind::Concordance, Some(i)) => {
                        self.mode = Mode::Browse;
                        self.search.current = Some(i);
                        self.go_to_offset(self.search.hits[i].start);
                        self.say(self.place_of(self.search.hits[i].start));
                    }
                    (ListKind::Choose(entries), Some(i)) => {
                        self.mode = Mode::Browse;
                        self.go_to_entry(entries[i]);
                    }
                    (ListKind::Help(_), _) => {
                        self.mode = Mode::Browse;
                    }
                    _ => {}
                }
                return;
            }
            _ => {}
        }
        self.keep_list_visible();
    }

    fn refilter(&mut self) {
        let Mode::List(l) = &self.mode else { return };
        if l.kind != ListKind::Concordance {
            return;
        }
        let all = self.search.hits.len();
        let q = Query::new(&l.filter, SearchMode::Folded).ok();
        let items: Vec<usize> = match q {
            Some(q) if !q.is_empty() => (0..all)
                .filter(|&i| {
                    let line = concordance_line(self, i, 30);
                    q.find_iter(&line.plain()).next().is_some()
                })
                .collect(),
            _ => (0..all).collect(),
        };
        if let Mode::List(l) = &mut self.mode {
            l.items = items;
            l.selected = 0;
            l.offset = 0;
        }
    }
}

/// A concordance line: label, CE, and the hit in its context.
#[derive(Debug, Clone)]
pub struct ConcordanceLine {
    /// The entry (or section) label.
    pub label: String,
    /// Its CE year.
    pub ce: Option<i32>,
    /// Whether that year is doubtful (marked `?`, as in the timeline).
    pub doubtful: bool,
    /// Context before the hit.
    pub left: String,
    /// The hit.
    pub hit: String,
    /// Context after the hit.
    pub right: String,
}

impl ConcordanceLine {
    /// All of it as one string (for filtering).
    pub fn plain(&self) -> String {
        format!("{} {}{}{}", self.label, self.left, self.hit, self.right)
    }
}

/// The concordance line of hit `i`, with `cols` columns of context on each side.
pub fn concordance_line(app: &App<'_>, i: usize, cols: usize) -> ConcordanceLine {
    let hit = app.search.hits[i].clone();
    let row = &app.rows[app.row_at(hit.start)];
    let k = search::kwic(
        app.reading.text(),
        hit.clone(),
        row.range.clone(),
        cols,
        cols,
    );
    let source = app.reading.to_source(hit.start);
    let (label, ce) = place_label(app.chron, source);
    let doubtful = app
        .chron
        .entry_at(source)
        .is_some_and(|e| !app.chron.entries[e].doubts.is_empty());
    ConcordanceLine {
        label,
        ce,
        doubtful,
        left: k.left,
        hit: k.hit,
        right: k.right,
    }
}

/// The help screen's lines, from the keymap: (keys, description), with section titles
/// as lines whose keys are empty.
pub fn help_lines() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for scope in keymap::SCOPES {
        if !out.is_empty() {
            out.push((String::new(), String::new()));
        }
        out.push((String::new(), scope.title()));
        for b in keymap::bindings(scope) {
            out.push((b.label(), b.help.to_owned()));
        }
    }
    out.push((String::new(), String::new()));
    out.push((
        String::new(),
        "Mouse: click a year to open it; the wheel scrolls the pane under the pointer.".to_owned(),
    ));
    out.push((String::new(), String::new()));
    out.push((String::new(), "In the timeline".to_owned()));
    for (mark, what) in [
        ("·", "a year with no text of its own (its heading only)"),
        (
            "?",
            "a CE year in doubt (why: in the year's heading, and `annals check`)",
        ),
        (
            "⋯ N years",
            "years between two the text records that it does not",
        ),
        ("▾ ▸", "a 卷 or a dynasty, open or folded"),
    ] {
        out.push((mark.to_owned(), what.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every binding is in the help, under its scope's title, with every one of its keys.
    #[test]
    fn every_binding_appears_in_help() {
        let lines = help_lines();
        for b in keymap::KEYMAP {
            let title = b.scope.title();
            let section = lines
                .iter()
                .position(|(k, h)| k.is_empty() && *h == title)
                .expect("the scope's title is in the help");
            let section_end = lines[section + 1..]
                .iter()
                .position(|(k, _)| k.is_empty())
                .map_or(lines.len(), |n| section + 1 + n);
            let line = lines[section + 1..section_end]
                .iter()
                .find(|(_, h)| h == b.help)
                .unwrap_or_else(|| panic!("{:?} is not in the help under {title:?}", b.help));
            for k in b.keys {
                assert!(
                    line.0.split(' ').any(|name| name == k.name()),
                    "{} lacks {}",
                    line.0,
                    k.name()
                );
            }
        }
    }
}
