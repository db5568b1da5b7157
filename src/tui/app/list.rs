//! List overlays: the help screen (from the keymap), the concordance of search hits (with
//! its `/` filter) and the choice between entries of a year written twice.

use super::{App, Mode};
use crate::search::{self, Mode as SearchMode, Query};
use crate::tui::action::Action;
use crate::tui::keymap::{self, Scope};
use crate::view::place_label;

/// A list overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListKind {
    /// The help screen.
    Help,
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

impl App<'_> {
    pub(super) fn open_list(&mut self, kind: ListKind) {
        let len = match &kind {
            ListKind::Help => help_lines().len(),
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
            let help = l.kind == ListKind::Help;
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
                    (ListKind::Help, _) => {
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
    ConcordanceLine {
        label,
        ce,
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
