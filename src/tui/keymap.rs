//! The keymap: one table from keys to actions, per mode. The event loop, the help overlay
//! and the tests all read this table, so help never drifts from the bindings.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// A key: code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Required modifiers (Shift is ignored for characters).
    pub mods: KeyModifiers,
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

/// One binding: keys, what they do, where, and how the help screen names them.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys.
    pub keys: &'static [Key],
    /// The action.
    pub action: Action,
    /// Where it applies.
    pub scope: Scope,
    /// Key names for the help screen.
    pub label: &'static str,
    /// What it does, for the help screen.
    pub help: &'static str,
}

const fn b(
    keys: &'static [Key],
    action: Action,
    scope: Scope,
    label: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        scope,
        label,
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
        "j ↓",
        "next year (or line, when the text has focus)",
    ),
    b(
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        Browse,
        "k ↑",
        "previous year (or line)",
    ),
    b(
        &[k('J')],
        Action::NextEntry,
        Browse,
        "J",
        "next year, whatever has focus",
    ),
    b(
        &[k('K')],
        Action::PrevEntry,
        Browse,
        "K",
        "previous year, whatever has focus",
    ),
    b(
        &[k(']')],
        Action::NextMark,
        Browse,
        "]",
        "next month or season",
    ),
    b(
        &[k('[')],
        Action::PrevMark,
        Browse,
        "[",
        "previous month or season",
    ),
    b(
        &[k('}')],
        Action::NextNonEmpty,
        Browse,
        "}",
        "next year with events",
    ),
    b(
        &[k('{')],
        Action::PrevNonEmpty,
        Browse,
        "{",
        "previous year with events",
    ),
    b(
        &[k(' '), code(KeyCode::PageDown), ctrl('f')],
        Action::PageDown,
        Browse,
        "Space PgDn",
        "page down",
    ),
    b(
        &[k('b'), code(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        Browse,
        "b PgUp",
        "page up",
    ),
    b(
        &[k('d'), ctrl('d')],
        Action::HalfPageDown,
        Browse,
        "d",
        "half a page down",
    ),
    b(
        &[k('u'), ctrl('u')],
        Action::HalfPageUp,
        Browse,
        "u",
        "half a page up",
    ),
    b(
        &[k('g'), code(KeyCode::Home)],
        Action::First,
        Browse,
        "g Home",
        "first entry",
    ),
    b(
        &[k('G'), code(KeyCode::End)],
        Action::Last,
        Browse,
        "G End",
        "last entry",
    ),
    b(
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        Action::ToggleFocus,
        Browse,
        "Tab",
        "switch between timeline and text",
    ),
    b(
        &[k('h'), code(KeyCode::Left)],
        Action::Collapse,
        Browse,
        "h ←",
        "fold the volume",
    ),
    b(
        &[k('l'), code(KeyCode::Right)],
        Action::Expand,
        Browse,
        "l →",
        "unfold the volume",
    ),
    b(
        &[code(KeyCode::Enter)],
        Action::Activate,
        Browse,
        "Enter",
        "fold/unfold the volume",
    ),
    b(
        &[k(':')],
        Action::OpenJump,
        Browse,
        ":",
        "go to a year: 1115, 天慶五年, 天庆5, 5",
    ),
    b(
        &[k('/')],
        Action::OpenSearch,
        Browse,
        "/",
        "search (天庆 finds 天慶)",
    ),
    b(&[k('n')], Action::NextHit, Browse, "n", "next hit"),
    b(&[k('N')], Action::PrevHit, Browse, "N", "previous hit"),
    b(
        &[k('c')],
        Action::Concordance,
        Browse,
        "c",
        "all hits in context (concordance)",
    ),
    b(
        &[k('?'), code(KeyCode::F(1))],
        Action::Help,
        Browse,
        "?",
        "this help",
    ),
    b(&[k('q')], Action::Quit, Browse, "q", "quit"),
    b(
        &[code(KeyCode::Esc)],
        Action::Back,
        Global,
        "Esc",
        "close, or quit when nothing is open",
    ),
    b(&[ctrl('c')], Action::Quit, Global, "Ctrl-C", "quit"),
    b(
        &[code(KeyCode::Enter)],
        Action::Confirm,
        Prompt,
        "Enter",
        "accept",
    ),
    b(
        &[code(KeyCode::Backspace)],
        Action::Backspace,
        Prompt,
        "Backspace",
        "delete a character",
    ),
    b(
        &[ctrl('u')],
        Action::ClearInput,
        Prompt,
        "Ctrl-U",
        "clear the input",
    ),
    b(
        &[ctrl('e')],
        Action::ToggleExact,
        Prompt,
        "Ctrl-E",
        "search: exact / folded 繁簡",
    ),
    b(
        &[ctrl('r')],
        Action::ToggleRegex,
        Prompt,
        "Ctrl-R",
        "search: regular expression on/off",
    ),
    b(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        List,
        "j ↓",
        "next line",
    ),
    b(
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        List,
        "k ↑",
        "previous line",
    ),
    b(
        &[k(' '), code(KeyCode::PageDown)],
        Action::PageDown,
        List,
        "Space PgDn",
        "page down",
    ),
    b(
        &[k('b'), code(KeyCode::PageUp)],
        Action::PageUp,
        List,
        "b PgUp",
        "page up",
    ),
    b(
        &[k('g'), code(KeyCode::Home)],
        Action::First,
        List,
        "g Home",
        "first line",
    ),
    b(
        &[k('G'), code(KeyCode::End)],
        Action::Last,
        List,
        "G End",
        "last line",
    ),
    b(&[k('/')], Action::OpenSearch, List, "/", "filter the lines"),
    b(
        &[code(KeyCode::Enter)],
        Action::Activate,
        List,
        "Enter",
        "go there",
    ),
    b(&[k('q')], Action::Back, List, "q", "close"),
];

/// The action bound to `key` in `scope` (global bindings included), if any.
pub fn lookup(scope: Scope, key: KeyEvent) -> Option<Action> {
    let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    KEYMAP
        .iter()
        .filter(|b| b.scope == scope || b.scope == Scope::Global)
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
        .map(|b| b.action)
}

/// The bindings of a scope, for the help screen.
pub fn bindings(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.scope == scope)
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
            assert!(!b.help.is_empty() && !b.label.is_empty());
        }
    }
}
