//! Input to actions: one table from keys to actions, per mode ([`KEYMAP`]), and the mouse.
//! The event loop, the help overlay, every key hint on screen and the tests all read this
//! table: the help's key labels and the hints ("? help", "j/k move") are generated from
//! it, so they never drift from the bindings.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Reading: timeline and text.
    Browse,
    /// A text prompt (`:` jump, `/` search): other keys type.
    Prompt,
    /// A list overlay (concordance, choice of entries).
    List,
    /// Everywhere.
    Global,
}

/// The scopes in the help screen's order.
pub const SCOPES: [Scope; 4] = [Scope::Browse, Scope::Prompt, Scope::List, Scope::Global];

impl Scope {
    /// The scope's title in the help screen.
    pub fn title(self) -> String {
        match self {
            Scope::Browse => "Reading".to_owned(),
            Scope::Prompt => format!(
                "Prompts ({} and {})",
                hint(Scope::Browse, &Action::OpenJump),
                hint(Scope::Browse, &Action::OpenSearch)
            ),
            Scope::List => "Lists (concordance, choices, this help)".to_owned(),
            Scope::Global => "Everywhere".to_owned(),
        }
    }
}

/// A key: code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Required modifiers (Shift is ignored for characters).
    pub mods: KeyModifiers,
}

impl Key {
    /// The key's name in the help screen: `j`, `Space`, `PgDn`, `Ctrl-F`, `Shift-Tab`,
    /// `F1`.
    pub fn name(&self) -> String {
        self.named("Ctrl-")
    }

    /// The key's name in a hint, where room is short: `Ctrl-E` is `^E`.
    pub fn short_name(&self) -> String {
        self.named("^")
    }

    fn named(&self, ctrl: &str) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                c.to_ascii_uppercase().to_string()
            }
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            // Home, End, Tab, Enter, Esc, Backspace: as crossterm names them.
            code => format!("{code:?}"),
        };
        let mut name = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            name.push_str(ctrl);
        }
        if self.mods.contains(KeyModifiers::ALT) {
            name.push_str("Alt-");
        }
        name.push_str(&base);
        name
    }
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// One binding: keys, what they do, where, and what the help screen says of it.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys.
    pub keys: &'static [Key],
    /// The action.
    pub action: Action,
    /// Where it applies.
    pub scope: Scope,
    /// What it does, for the help screen.
    pub help: &'static str,
}

impl Binding {
    /// The names of its keys, for the help screen (`Space PgDn Ctrl-F`).
    pub fn label(&self) -> String {
        let names: Vec<String> = self.keys.iter().map(Key::name).collect();
        names.join(" ")
    }
}

const fn b(keys: &'static [Key], action: Action, scope: Scope, help: &'static str) -> Binding {
    Binding {
        keys,
        action,
        scope,
        help,
    }
}

use Scope::{Browse, Global, List, Prompt};

/// The table. Order is the help screen's order.
pub const KEYMAP: &[Binding] = &[
    b(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        Browse,
        "next year (or line, when the text has focus)",
    ),
    b(
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        Browse,
        "previous year (or line)",
    ),
    b(
        &[k('J')],
        Action::NextEntry,
        Browse,
        "next year, whatever has focus",
    ),
    b(
        &[k('K')],
        Action::PrevEntry,
        Browse,
        "previous year, whatever has focus",
    ),
    b(&[k(']')], Action::NextMark, Browse, "next month or season"),
    b(
        &[k('[')],
        Action::PrevMark,
        Browse,
        "previous month or season",
    ),
    b(
        &[k('}')],
        Action::NextNonEmpty,
        Browse,
        "next year with events",
    ),
    b(
        &[k('{')],
        Action::PrevNonEmpty,
        Browse,
        "previous year with events",
    ),
    b(
        &[k(' '), code(KeyCode::PageDown), ctrl('f')],
        Action::PageDown,
        Browse,
        "page down",
    ),
    b(
        &[k('b'), code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        Browse,
        "page up",
    ),
    b(
        &[k('d'), ctrl('d')],
        Action::HalfPageDown,
        Browse,
        "half a page down",
    ),
    b(
        &[k('u'), ctrl('u')],
        Action::HalfPageUp,
        Browse,
        "half a page up",
    ),
    b(
        &[k('g'), code(KeyCode::Home)],
        Action::First,
        Browse,
        "first entry",
    ),
    b(
        &[k('G'), code(KeyCode::End)],
        Action::Last,
        Browse,
        "last entry",
    ),
    b(
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        Action::ToggleFocus,
        Browse,
        "switch between timeline and text (and the two texts)",
    ),
    b(
        &[k('h'), code(KeyCode::Left)],
        Action::Collapse,
        Browse,
        "fold the volume (or dynasty)",
    ),
    b(
        &[k('l'), code(KeyCode::Right)],
        Action::Expand,
        Browse,
        "unfold the volume (or dynasty)",
    ),
    b(
        &[code(KeyCode::Enter)],
        Action::Activate,
        Browse,
        "fold/unfold the volume (or dynasty)",
    ),
    b(
        &[k('z')],
        Action::ToggleAllVolumes,
        Browse,
        "fold/unfold all volumes",
    ),
    b(
        &[k('Z')],
        Action::ToggleAllDynasties,
        Browse,
        "fold/unfold all dynasties",
    ),
    b(
        &[k('>')],
        Action::NextVolume,
        Browse,
        "next volume (卷) heading",
    ),
    b(
        &[k('<')],
        Action::PrevVolume,
        Browse,
        "previous volume (卷) heading",
    ),
    b(
        &[k('i')],
        Action::YearInfo,
        Browse,
        "where the year's CE date comes from",
    ),
    b(
        &[k('D')],
        Action::ToggleDates,
        Browse,
        "dates after marks, on/off: 五月壬午朔〔1118-05-22〕",
    ),
    b(
        &[k(':')],
        Action::OpenJump,
        Browse,
        "go to a year, day or page: 1115, 1118-05-22, 1-1a",
    ),
    b(
        &[k('/')],
        Action::OpenSearch,
        Browse,
        "search (天庆 finds 天慶)",
    ),
    b(&[k('n')], Action::NextHit, Browse, "next hit"),
    b(&[k('N')], Action::PrevHit, Browse, "previous hit"),
    b(
        &[k('c')],
        Action::Concordance,
        Browse,
        "all hits in context (concordance)",
    ),
    b(
        &[k('y')],
        Action::CopyCitation,
        Browse,
        "copy a citation of this place (書名 卷 篇 年, 頁)",
    ),
    b(
        &[k('s')],
        Action::ToggleLock,
        Browse,
        "two texts: lock scrolling together (same month)",
    ),
    b(
        &[k('a')],
        Action::ToggleNotes,
        Browse,
        "show/hide 夾注 (notes; hidden, not searched)",
    ),
    b(
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        Browse,
        "this help",
    ),
    b(&[k('q')], Action::Quit, Browse, "quit"),
    b(
        &[code(KeyCode::Esc)],
        Action::Back,
        Global,
        "close, or quit when nothing is open",
    ),
    b(&[ctrl('c')], Action::Quit, Global, "quit"),
    b(&[code(KeyCode::Enter)], Action::Confirm, Prompt, "accept"),
    b(
        &[code(KeyCode::Backspace)],
        Action::Backspace,
        Prompt,
        "delete a character",
    ),
    b(&[ctrl('u')], Action::ClearInput, Prompt, "clear the input"),
    b(
        &[ctrl('e')],
        Action::ToggleExact,
        Prompt,
        "search: exact / folded 繁簡",
    ),
    b(
        &[ctrl('r')],
        Action::ToggleRegex,
        Prompt,
        "search: regular expression on/off",
    ),
    b(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        List,
        "next line",
    ),
    b(
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        List,
        "previous line",
    ),
    b(
        &[k(' '), code(KeyCode::PageDown)],
        Action::PageDown,
        List,
        "page down",
    ),
    b(
        &[k('b'), code(KeyCode::PageUp)],
        Action::PageUp,
        List,
        "page up",
    ),
    b(
        &[k('g'), code(KeyCode::Home)],
        Action::First,
        List,
        "first line",
    ),
    b(
        &[k('G'), code(KeyCode::End)],
        Action::Last,
        List,
        "last line",
    ),
    b(
        &[k('/')],
        Action::OpenSearch,
        List,
        "filter the concordance; elsewhere, close and search",
    ),
    b(&[code(KeyCode::Enter)], Action::Activate, List, "go there"),
    b(&[k('q')], Action::Back, List, "close"),
];

/// Whether binding `b` applies in `scope` (global bindings apply everywhere).
fn applies(b: &Binding, scope: Scope) -> bool {
    b.scope == scope || b.scope == Scope::Global
}

/// The action bound to `key` in `scope` (global bindings included), if any.
pub fn lookup(scope: Scope, key: KeyEvent) -> Option<Action> {
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    KEYMAP
        .iter()
        .filter(|b| applies(b, scope))
        .find(|b| {
            b.keys.iter().any(|k| {
                let want = k.mods & (KeyModifiers::CONTROL | KeyModifiers::ALT);
                match (k.code, key.code) {
                    // Characters: compare as typed (Shift makes 'G'); BackTab is Shift-Tab.
                    (KeyCode::Char(a), KeyCode::Char(c)) => a == c && want == mods,
                    (a, c) => a == c && want == mods,
                }
            })
        })
        .map(|b| b.action.clone())
}

/// What a key press asks for in `scope`: its binding's action, or in a prompt, typing the
/// character.
pub fn action(scope: Scope, key: KeyEvent) -> Option<Action> {
    match lookup(scope, key) {
        Some(action) => Some(action),
        None if scope == Scope::Prompt => match key.code {
            KeyCode::Char(c) => Some(Action::Type(c)),
            _ => None,
        },
        None => None,
    }
}

/// What a mouse event asks for: a press of the left button, or a turn of the wheel. A
/// release or a move asks for nothing.
pub fn mouse(event: MouseEvent) -> Option<Action> {
    let (column, row) = (event.column, event.row);
    match event.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollDown => Some(Action::WheelDown { column, row }),
        MouseEventKind::ScrollUp => Some(Action::WheelUp { column, row }),
        _ => None,
    }
}

/// The bindings of a scope, for the help screen.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.scope == scope)
}

/// The short name of the first key that does `action` in `scope` (global bindings
/// included, in table order, as [`lookup`] finds them), for hints on screen: `?` for
/// help in [`Scope::Browse`], `Esc` for closing a list, `^E` in a prompt.
///
/// # Panics
///
/// If no key does `action` in `scope`: a hint for an unbound action is a bug, and the
/// tests draw every hint.
pub fn hint(scope: Scope, action: &Action) -> String {
    KEYMAP
        .iter()
        .filter(|b| applies(b, scope) && b.action == *action)
        .flat_map(|b| b.keys.first())
        .next()
        .map(Key::short_name)
        .unwrap_or_else(|| panic!("no key for {action:?} in {scope:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(c, m)
    }

    #[test]
    fn lookups() {
        assert_eq!(
            lookup(Scope::Browse, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            lookup(Scope::Browse, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Last)
        );
        assert_eq!(
            lookup(
                Scope::Browse,
                key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            lookup(Scope::Prompt, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            lookup(Scope::Prompt, key(KeyCode::Esc, KeyModifiers::NONE)),
            Some(Action::Back)
        );
        assert_eq!(
            lookup(Scope::List, key(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Activate)
        );
    }

    #[test]
    fn no_key_bound_twice_in_a_scope() {
        for scope in [Scope::Browse, Scope::Prompt, Scope::List] {
            let mut seen = Vec::new();
            for b in KEYMAP
                .iter()
                .filter(|b| b.scope == scope || b.scope == Scope::Global)
            {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {scope:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn every_binding_has_help() {
        for b in KEYMAP {
            assert!(!b.help.is_empty() && !b.keys.is_empty());
        }
    }

    #[test]
    fn labels_name_every_key() {
        let label = |action: Action, scope: Scope| {
            KEYMAP
                .iter()
                .find(|b| b.action == action && b.scope == scope)
                .map(Binding::label)
        };
        let browse = Scope::Browse;
        assert_eq!(
            label(Action::PageDown, browse).unwrap(),
            "Space PgDn Ctrl-F"
        );
        assert_eq!(label(Action::HalfPageDown, browse).unwrap(), "d Ctrl-D");
        assert_eq!(label(Action::Help, browse).unwrap(), "? F1");
        assert_eq!(label(Action::ToggleFocus, browse).unwrap(), "Tab Shift-Tab");
        assert_eq!(label(Action::Down, browse).unwrap(), "j ↓");
    }

    #[test]
    fn hints_name_the_first_key_in_table_order() {
        assert_eq!(hint(Scope::Browse, &Action::Help), "?");
        assert_eq!(hint(Scope::Browse, &Action::Quit), "q");
        // A list's own `q` comes after the global Esc in the table.
        assert_eq!(hint(Scope::List, &Action::Back), "Esc");
        assert_eq!(hint(Scope::Prompt, &Action::ToggleExact), "^E");
    }

    #[test]
    fn typing_and_the_mouse() {
        let c = |c| key(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action(Scope::Prompt, c('天')), Some(Action::Type('天')));
        assert_eq!(action(Scope::Browse, c('天')), None);
        assert_eq!(action(Scope::Browse, c('j')), Some(Action::Down));
        let m = |kind| MouseEvent {
            kind,
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        };
        assert_eq!(
            mouse(m(MouseEventKind::Down(MouseButton::Left))),
            Some(Action::Click { column: 3, row: 4 })
        );
        assert_eq!(mouse(m(MouseEventKind::Up(MouseButton::Left))), None);
        assert_eq!(mouse(m(MouseEventKind::Moved)), None);
    }
}
