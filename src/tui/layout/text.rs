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
    let pieces: Vec<String> = super::cells::block(content)
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

/// A cut at the end must leave at least this much of where a title differs (or all of
/// it) in sight; otherwise it cuts in the middle.
const MIN_DISTINCT: usize = 8;

/// `text` cut to `width` columns so that what follows its first `keep` characters (where
/// it parts from other rows' text) stays in sight: at the end when that leaves enough of
/// it, else in the middle, after whole words: `Annual… Denmark, primarily on…`.
pub(crate) fn truncate_keeping(text: &str, width: usize, keep: usize, ellipsis: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_owned();
    }
    let split = text
        .char_indices()
        .nth(keep)
        .map_or(text.len(), |(at, _)| at);
    let (head, tail) = text.split_at(split);
    let shown_at_end = width.saturating_sub(1 + head.width());
    // Too narrow for two cuts to say more than one.
    if keep == 0 || shown_at_end >= tail.width().min(MIN_DISTINCT) || width < 2 * MIN_DISTINCT {
        return truncate(text, width, ellipsis);
    }
    // What differs gets two thirds of the row, or what it needs; the start the rest,
    // then the ellipsis and a space.
    let tail_room = tail.width().min(width * 2 / 3);
    let head = whole_words(head.trim_end(), width - tail_room - 2);
    let rest = width - head.width() - 2;
    format!("{head}{ellipsis} {}", truncate(tail, rest, ellipsis))
}

/// The words of `text` from its start that fit in `width` columns; its first
/// characters when not even one word fits.
fn whole_words(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let words = text
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(at, _)| &text[..at])
        .chain([text])
        .take_while(|words| words.width() <= width)
        .last();
    match words {
        Some(words) => words.trim_end().to_owned(),
        None => {
            let mut used = 0;
            text.chars()
                .take_while(|c| {
                    used += c.width().unwrap_or(0);
                    used <= width
                })
                .collect()
        }
    }
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
    use unicode_width::UnicodeWidthStr;

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
    fn a_cut_keeps_where_titles_differ_in_sight() {
        let germany = "Annual consultation with Germany";
        let denmark = "Annual consultation with Denmark, primarily on dual-use control";
        assert_eq!(truncate_keeping(germany, 22, 25, "…"), "Annual… Germany");
        assert_eq!(
            truncate_keeping(denmark, 22, 25, "…"),
            "Annual… Denmark, prim…"
        );
        // Room enough, or a difference early on: cut at the end, as ever.
        assert_eq!(truncate_keeping(germany, 40, 25, "…"), germany);
        assert_eq!(
            truncate_keeping("Annual general consultation with the Dutch", 22, 7, "…"),
            "Annual general consul…"
        );
        assert_eq!(
            truncate_keeping(germany, 22, 0, "…"),
            "Annual consultation w…"
        );
        // Never wider than asked, whatever the width.
        for width in 0..70 {
            let cut = truncate_keeping(denmark, width, 25, "…");
            assert!(cut.width() <= width, "{width}: {cut:?}");
        }
        // A first word too long for the room is cut, without an ellipsis of its own.
        assert_eq!(
            truncate_keeping("Consultationsprogramme with Germany", 20, 28, "…"),
            "Consultatio… Germany"
        );
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
