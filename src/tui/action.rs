//! Everything the reader can be asked to do. Keys map to these through the keymap table
//! ([`super::keymap`]), as do typing, the mouse and resizes; the app state changes only
//! through [`super::app::App::apply`].

/// One thing the reader is asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Close what is open (prompt, overlay), or quit when nothing is.
    Back,
    /// Next entry in the timeline, or next line when the text has focus.
    Down,
    /// Previous entry in the timeline, or previous line when the text has focus.
    Up,
    /// Next entry, whatever has focus.
    NextEntry,
    /// Previous entry, whatever has focus.
    PrevEntry,
    /// Next time mark (season or month), across entries.
    NextMark,
    /// Previous time mark, across entries.
    PrevMark,
    /// Next year that records something.
    NextNonEmpty,
    /// Previous year that records something.
    PrevNonEmpty,
    /// Scroll the text a page down.
    PageDown,
    /// Scroll the text a page up.
    PageUp,
    /// Scroll the text half a page down.
    HalfPageDown,
    /// Scroll the text half a page up.
    HalfPageUp,
    /// First entry.
    First,
    /// Last entry.
    Last,
    /// Switch focus between the timeline and the text.
    ToggleFocus,
    /// Fold a volume (or go to the volume heading); on a dynasty row or a folded volume's
    /// heading, fold the dynasty.
    Collapse,
    /// Unfold a volume, or the dynasty of a dynasty row.
    Expand,
    /// Fold or unfold the volume (or dynasty) under the cursor; in a list, choose.
    Activate,
    /// Fold every volume, or unfold them all when all are folded.
    ToggleAllVolumes,
    /// Fold every dynasty, or unfold them all when all are folded.
    ToggleAllDynasties,
    /// The heading of the next volume (卷).
    NextVolume,
    /// The heading of the previous volume (卷), or of the one the selection is in.
    PrevVolume,
    /// Say where the selected year's CE year comes from, and why it may be doubted.
    YearInfo,
    /// Show or hide the date of each time mark after it in the text (五月壬午朔〔1118-05-22〕).
    ToggleDates,
    /// Open the jump prompt (a year: 1115, 天慶五年, 天慶5, 5; or a day: 1118-05-22,
    /// 天慶八年五月壬午).
    OpenJump,
    /// Open the search prompt.
    OpenSearch,
    /// Next search hit, across entries (wraps).
    NextHit,
    /// Previous search hit, across entries (wraps).
    PrevHit,
    /// Show every hit as one line in context (concordance).
    Concordance,
    /// Search: switch between folded (繁簡) and exact matching.
    ToggleExact,
    /// Search: switch regular-expression matching on or off.
    ToggleRegex,
    /// Show or hide the help.
    Help,
    /// Copy a citation of the reading place to the clipboard (書名 卷 篇 年, 頁), through
    /// the terminal (OSC 52, so it works over ssh and in tmux).
    CopyCitation,
    /// Show or hide 夾注, a Kanripo text's interlinear notes (hidden, they are not
    /// searched either).
    ToggleNotes,
    /// Two texts side by side: lock their scrolling together (scrolling one brings the
    /// other to the same month or season), or unlock it.
    ToggleLock,
    /// Prompt: accept the input.
    Confirm,
    /// Prompt: delete the character before the cursor.
    Backspace,
    /// Prompt: clear the input.
    ClearInput,
    /// Prompt: type a character (control characters are ignored).
    Type(char),
    /// A key bound to nothing where it was pressed: it does nothing but dismiss the status
    /// message, as every key does.
    Unbound,
    /// The terminal is now this size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// A press of the left mouse button: open the year under it, or focus the text.
    Click {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
    /// The mouse wheel turned down: scroll the pane under the pointer (or move in a list).
    WheelDown {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
    /// The mouse wheel turned up.
    WheelUp {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
    /// Go to a reading position remembered from an earlier session (a byte offset into
    /// the source text).
    GoToSource(usize),
    /// Show a problem in the status line (one met while starting, such as an unreadable
    /// state file).
    Notice(String),
}
