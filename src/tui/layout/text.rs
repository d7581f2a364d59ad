//! Text cut and wrapped to a width in columns, as every pane needs it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// `content` made safe and wrapped to `width` columns, in `style`; each of its own lines
/// is a paragraph. The detail pane and present mode lay out prose the same way.
pub(crate) fn wrapped_lines(
    content: &str,
    width: usize,
    (first, rest): (&str, &str),
    style: Style,
) -> impl Iterator<Item = Line<'static>> {
    let options = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest);
    let pieces: Vec<String> = crate::text::block(content)
        .split('\n')
        .flat_map(|paragraph| textwrap::wrap(paragraph, &options))
        .map(std::borrow::Cow::into_owned)
        .collect();
    pieces
        .into_iter()
        .map(move |piece| Line::styled(piece, style))
}

/// `text` cut to `width` columns, ending with `ellipsis` (one column) when it was cut.
pub(crate) fn truncate(text: &str, width: usize, ellipsis: &str) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Take back characters until the ellipsis fits.
            while used + 1 > width {
                let Some(last) = out.pop() else { break };
                used -= last.width().unwrap_or(0);
            }
            if width > 0 {
                out.push_str(ellipsis);
            }
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

/// `spans` cut to `width` columns, the last one ending with `ellipsis` when cut.
pub(crate) fn fit(spans: Vec<Span<'static>>, width: usize, ellipsis: &str) -> Vec<Span<'static>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut left = width;
    for span in spans {
        let w = span.width();
        if w <= left {
            left -= w;
            out.push(span);
            continue;
        }
        if left > 0 {
            out.push(Span::styled(
                truncate(&span.content, left, ellipsis),
                span.style,
            ));
        } else if let Some(last) = out.pop() {
            // The text so far fills the width exactly: its last character makes way
            // for the ellipsis.
            let cut = format!("{}{ellipsis}", last.content);
            out.push(Span::styled(
                truncate(&cut, last.width(), ellipsis),
                last.style,
            ));
        }
        return out;
    }
    out
}

/// `spans` without their first `columns` columns.
pub(crate) fn drop_columns(spans: Vec<Span<'static>>, columns: usize) -> Vec<Span<'static>> {
    let mut left = columns;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if left == 0 {
            out.push(span);
            continue;
        }
        let mut kept = String::new();
        for c in span.content.chars() {
            let width = c.width().unwrap_or(0);
            if left >= width && left > 0 {
                left -= width;
            } else {
                left = 0;
                kept.push(c);
            }
        }
        if !kept.is_empty() {
            out.push(Span::styled(kept, span.style));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_says_it_cut() {
        assert_eq!(truncate("Netherlands", 20, "…"), "Netherlands");
        assert_eq!(truncate("Netherlands", 11, "…"), "Netherlands");
        assert_eq!(truncate("Netherlands", 10, "…"), "Netherlan…");
        assert_eq!(truncate("Netherlands", 1, "…"), "…");
        assert_eq!(truncate("Netherlands", 0, "…"), "");
        // A wide character never leaves the text wider than asked.
        assert_eq!(truncate("日本語", 4, "…"), "日…");
        assert_eq!(truncate("日本語", 5, "…"), "日本…");
    }

    #[test]
    fn fitting_spans_cuts_the_one_that_overflows() {
        let spans = vec![Span::raw("PLAN "), Span::raw("Annual consultation")];
        let fitted = fit(spans, 12, "…");
        let text: String = fitted.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "PLAN Annual…");
        let exact = fit(vec![Span::raw("PLAN "), Span::raw("Annual")], 5, "…");
        let text: String = exact.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "PLAN…");
    }
}
