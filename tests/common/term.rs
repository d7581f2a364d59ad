//! A terminal that counts widths as tmux and xterm do: with the C library's `wcwidth`.
//!
//! `vt100` measures characters with `unicode-width`, as ratatui does, so the two agree
//! even where a real terminal does not (Bengali `া` is zero columns to `unicode-width` and
//! one to `wcwidth`). This model understands only what ratatui's crossterm backend sends
//! a frame: cursor moves, colours (ignored) and text.

use std::ffi::CString;
use std::sync::Once;

unsafe extern "C" {
    fn wcwidth(c: libc::wchar_t) -> libc::c_int;
}

static UTF8_LOCALE: Once = Once::new();

/// The columns tmux gives `c` (it asks `wcwidth`): -1 for what it does not print.
pub fn terminal_width(c: char) -> i32 {
    UTF8_LOCALE.call_once(|| {
        let name = CString::new("C.UTF-8").expect("no NUL");
        // SAFETY: `name` is a valid C string that outlives the call, and the `Once` makes
        // this the only call, before any `wcwidth` reads the locale.
        let set = unsafe { libc::setlocale(libc::LC_CTYPE, name.as_ptr()) };
        assert!(!set.is_null(), "the C library has no C.UTF-8 locale");
    });
    // SAFETY: `wcwidth` only reads its argument and the locale set above.
    unsafe { wcwidth(u32::from(c) as libc::wchar_t) }
}

#[derive(Clone, PartialEq)]
enum Cell {
    Text(String),
    /// The right half of a two-column character.
    Covered,
}

pub struct Screen {
    cols: usize,
    rows: Vec<Vec<Cell>>,
    row: usize,
    col: usize,
}

impl Screen {
    pub fn new(cols: u16, rows: u16) -> Self {
        let cols = usize::from(cols);
        Self {
            cols,
            rows: vec![vec![Cell::Text(String::new()); cols]; usize::from(rows)],
            row: 0,
            col: 0,
        }
    }

    /// Takes whole frames: what ratatui writes in one `draw`.
    pub fn process(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("a frame is UTF-8");
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c != '\u{1b}' {
                self.print(c);
                continue;
            }
            // ESC [ parameters final-byte; other escapes are two characters.
            if chars.next() != Some('[') {
                continue;
            }
            let mut parameters = String::new();
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    self.control(c, &parameters);
                    break;
                }
                parameters.push(c);
            }
        }
    }

    fn control(&mut self, command: char, parameters: &str) {
        let numbers: Vec<usize> = parameters
            .split(';')
            .map(|n| n.trim_start_matches('?').parse().unwrap_or(0))
            .collect();
        match command {
            'H' => {
                let at = |i: usize| numbers.get(i).copied().unwrap_or(1).max(1) - 1;
                self.row = at(0).min(self.rows.len().saturating_sub(1));
                self.col = at(1).min(self.cols.saturating_sub(1));
            }
            'J' if numbers.first() == Some(&2) => {
                for row in &mut self.rows {
                    row.fill(Cell::Text(String::new()));
                }
            }
            _ => {}
        }
    }

    fn print(&mut self, c: char) {
        let width = terminal_width(c);
        if width < 0 || self.rows.is_empty() {
            return;
        }
        if width == 0 {
            // A mark joins the character before the cursor, as in tmux and xterm.
            let mut col = self.col;
            while col > 0 {
                col -= 1;
                if let Cell::Text(text) = &mut self.rows[self.row][col] {
                    text.push(c);
                    break;
                }
            }
            return;
        }
        let width = width as usize;
        if self.col + width > self.cols {
            if self.row + 1 >= self.rows.len() {
                return;
            }
            self.row += 1;
            self.col = 0;
        }
        for col in self.col..self.col + width {
            self.erase_wide_around(col);
        }
        self.rows[self.row][self.col] = Cell::Text(c.to_string());
        if width == 2 {
            self.rows[self.row][self.col + 1] = Cell::Covered;
        }
        self.col += width;
    }

    /// Writing over either half of a two-column character erases both halves.
    fn erase_wide_around(&mut self, col: usize) {
        let row = &mut self.rows[self.row];
        if row[col] == Cell::Covered && col > 0 {
            row[col - 1] = Cell::Text(String::new());
            row[col] = Cell::Text(String::new());
        }
        if row.get(col + 1) == Some(&Cell::Covered) {
            row[col + 1] = Cell::Text(String::new());
        }
    }

    /// Every cell's text, row by row: a blank for a cell never written, `<` for the right
    /// half of a two-column character.
    pub fn cells(&self) -> Vec<String> {
        self.rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        Cell::Text(text) if text.is_empty() => " ",
                        Cell::Text(text) => text,
                        Cell::Covered => "<",
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect()
    }
}
