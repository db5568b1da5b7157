//! Colours and text attributes. Colours are the terminal's own named colours, used
//! sparingly so they read on dark and light backgrounds alike; with `NO_COLOR` set, only
//! attributes (bold, reverse, underline, dim) are used.

use ratatui::style::{Color, Modifier, Style};

/// The styles the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Secondary information: CE years, parallel dates, hints.
    pub dim: Style,
    /// The heading of the text pane.
    pub heading: Style,
    /// Volume rows in the timeline.
    pub group: Style,
    /// The selected timeline row when the timeline has focus.
    pub selected: Style,
    /// The selected timeline row when the text has focus.
    pub selected_unfocused: Style,
    /// Time marks (春正月, 五月壬午朔) in the text.
    pub mark: Style,
    /// The time mark `[`/`]` last moved to.
    pub current_mark: Style,
    /// Search hits.
    pub hit: Style,
    /// The current search hit.
    pub current_hit: Style,
    /// Hit counts in the timeline.
    pub count: Style,
    /// The status line.
    pub status: Style,
    /// Errors in the status line.
    pub error: Style,
    /// Borders and separators.
    pub border: Style,
}

impl Theme {
    /// The theme for this environment: `NO_COLOR` (set and non-empty) turns colour off.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color {
            Theme::mono()
        } else {
            Theme::color()
        }
    }

    /// Colours from the terminal's palette.
    pub fn color() -> Theme {
        let base = Style::default();
        Theme {
            text: base,
            dim: base.add_modifier(Modifier::DIM),
            heading: base.add_modifier(Modifier::BOLD),
            group: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: base.add_modifier(Modifier::REVERSED),
            selected_unfocused: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            mark: base.fg(Color::Cyan),
            current_mark: base
                .fg(Color::Cyan)
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            hit: base.fg(Color::Black).bg(Color::Yellow),
            current_hit: base
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            count: base.fg(Color::Yellow),
            status: base.add_modifier(Modifier::REVERSED),
            error: base
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            border: base.add_modifier(Modifier::DIM),
        }
    }

    /// Attributes only, for `NO_COLOR`.
    pub fn mono() -> Theme {
        let base = Style::default();
        Theme {
            text: base,
            dim: base.add_modifier(Modifier::DIM),
            heading: base.add_modifier(Modifier::BOLD),
            group: base.add_modifier(Modifier::BOLD),
            selected: base.add_modifier(Modifier::REVERSED),
            selected_unfocused: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            mark: base.add_modifier(Modifier::BOLD),
            current_mark: base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            hit: base.add_modifier(Modifier::REVERSED),
            current_hit: base
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            count: base.add_modifier(Modifier::BOLD),
            status: base.add_modifier(Modifier::REVERSED),
            error: base.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            border: base.add_modifier(Modifier::DIM),
        }
    }
}
