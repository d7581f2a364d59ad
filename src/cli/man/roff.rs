//! Just enough roff for a man page's own sections: text made safe, and the few `man`
//! macros the page uses. The page as a whole is then made pure ASCII, so that `man`
//! shows it the same in any locale and `groff` needs no `preconv`.

use std::fmt::Write as _;

/// A man page being written, in roff source.
#[derive(Debug, Default)]
pub(super) struct Page {
    source: String,
}

impl Page {
    /// Source that is roff already, such as clap_mangen's sections.
    pub(super) fn raw(&mut self, roff: &str) {
        self.source.push_str(roff);
        if !roff.ends_with('\n') {
            self.source.push('\n');
        }
    }

    /// A section heading: `.SH NAME`.
    pub(super) fn section(&mut self, title: &str) {
        self.macro_line("SH", title);
    }

    /// A subsection heading: `.SS NAME`.
    pub(super) fn subsection(&mut self, title: &str) {
        self.macro_line("SS", title);
    }

    /// A new paragraph of text.
    pub(super) fn paragraph(&mut self, text: &str) {
        self.raw(".PP");
        self.text(text);
    }

    /// A tagged paragraph: `tag`, in bold, with `text` indented under it.
    pub(super) fn tagged(&mut self, tag: &str, text: &str) {
        self.raw(".TP");
        let _ = writeln!(self.source, "\\fB{}\\fR", escape(tag));
        self.text(text);
    }

    /// Text, filled by the formatter. Words in `backticks` are set in bold.
    pub(super) fn text(&mut self, text: &str) {
        let mut bold = false;
        let mut line = String::new();
        for (index, piece) in text.split('`').enumerate() {
            if index > 0 {
                line.push_str(if bold { "\\fR" } else { "\\fB" });
                bold = !bold;
            }
            line.push_str(&escape(piece));
        }
        if bold {
            line.push_str("\\fR");
        }
        for line in line.lines() {
            if line.starts_with(['.', '\'']) {
                self.source.push_str("\\&");
            }
            self.source.push_str(line);
            self.source.push('\n');
        }
    }

    fn macro_line(&mut self, name: &str, argument: &str) {
        // An argument with spaces is quoted, and a quote cannot be escaped inside it.
        let argument = escape(argument).replace('"', "\\(dq");
        if argument.contains(' ') {
            let _ = writeln!(self.source, ".{name} \"{argument}\"");
        } else {
            let _ = writeln!(self.source, ".{name} {argument}");
        }
    }

    /// The finished page, every character outside ASCII written as a roff escape.
    pub(super) fn finish(self) -> String {
        ascii_only(&self.source)
    }
}

/// Text with roff's escape character and the hyphen-minus made literal.
fn escape(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

/// Every character outside ASCII as `\[uXXXX]`, which groff and mandoc read in any locale.
pub(super) fn ascii_only(source: &str) -> String {
    let mut ascii = String::with_capacity(source.len());
    for c in source.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let _ = write!(ascii, "\\[u{:04X}]", u32::from(c));
        }
    }
    ascii
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_a_request() {
        let mut page = Page::default();
        page.text(".SH not a heading\n'also not\nback\\slash and -dash `bold`");
        assert_eq!(
            page.finish(),
            "\\&.SH not a heading\n\\&'also not\nback\\eslash and \\-dash \\fBbold\\fR\n"
        );
    }

    #[test]
    fn headings_are_quoted_and_unicode_is_escaped() {
        let mut page = Page::default();
        page.section("QUERY \"LANGUAGE\"");
        page.tagged("\u{2191} k", "caf\u{e9}");
        assert_eq!(
            page.finish(),
            ".SH \"QUERY \\(dqLANGUAGE\\(dq\"\n.TP\n\\fB\\[u2191] k\\fR\ncaf\\[u00E9]\n"
        );
    }
}
