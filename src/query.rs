//! The query language of `search`, the finder and anything else that selects items: one
//! grammar, so a query typed in one place means the same everywhere.
//!
//! This module only parses; it knows nothing of the catalog. Matching (what "fuzzy" means,
//! which ids and names `country:` accepts) belongs to the caller, so the parser keeps
//! names raw as well as folded, and every atom remembers where it came from in the input.
//!
//! The language, fzf's with filters added:
//! - terms are separated by whitespace, and all must match;
//! - `term` is fuzzy, `'term` a substring, `^term` a prefix, `term$` a suffix, `^term$`
//!   the whole name or id;
//! - `!term` must not contain `term`; `!'term`, `!^term`, `!term$` and `!^term$` likewise;
//! - a lone `|` between two terms means either: `x a | b | c y` is
//!   `x AND (a OR b OR c) AND y`;
//! - `kind:`, `status:`, `country:`, `forum:`, `source:` and `topic:` filter, with
//!   field names and the values of `kind:` and `status:` in any case; a comma means or
//!   (`status:planned,ongoing`), and filters may be negated (`!status:done`) or take part
//!   in `|`;
//! - everything after a leading `'` is literal text, so `'note:` searches for `note:`.
//!
//! A term with a colon is always a filter unless quoted. An unknown field is an error
//! rather than text, because a misspelt filter that silently searched for `statu:planned`
//! would find nothing and never say why.
//!
//! Operators with nothing to apply to (a lone `!`, `'`, `^` or `$`, a `|` at either end or
//! next to another `|`) are ignored rather than rejected: the finder parses on every
//! keystroke, and a query is often briefly just `!` or ends in `|` while being typed.

use std::ops::Range;

use crate::model::{Kind, Status};
use crate::suggest::did_you_mean;
use crate::text::fold;

/// A parsed query: every clause must match. An empty query matches everything (or
/// nothing; that is the caller's choice, as it is for an empty search box).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// Terms joined by `|`: any one may match. Never empty; one atom when there is no `|`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub alternatives: Vec<Atom>,
}

/// One term of the input, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Atom {
    pub negated: bool,
    pub test: Test,
    /// The whole token in the input, `!` included, for a caller that underlines a term it
    /// cannot use (a `country:` naming no country, say).
    pub span: Range<usize>,
}

/// What an atom asks of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// Text in the item. `text` is folded and never empty.
    Text { text: String, mode: TextMode },
    /// The item is of one of these kinds. Never empty, no duplicates, in the order typed.
    Kind(Vec<Kind>),
    /// The item (an action) has one of these statuses. Never empty, no duplicates.
    Status(Vec<Status>),
    /// The item is linked to one of these items of `kind` (`Country`, `Forum` or
    /// `Source`), or is one. Never empty. Targets stay unresolved: only the caller has the
    /// catalog to tell ids from names, and it may report the ones it cannot resolve.
    Linked { kind: Kind, targets: Vec<Target> },
    /// The item has a topic containing one of these folded texts. Never empty. A comma
    /// means or here too, so that the comma means the same after every field; no topic in
    /// a dossier is expected to contain one.
    Topic(Vec<String>),
}

/// How a text term must appear. Which texts (names, ids, bodies) each mode looks at is
/// the caller's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextMode {
    /// `term`: however the caller defines fuzzy.
    Fuzzy,
    /// `'term`, and `!term`: as a substring. A negated fuzzy term would exclude nearly
    /// everything (fzf has the same rule).
    Exact,
    /// `^term`: the name or id starts with it.
    Prefix,
    /// `term$`: the name or id ends with it.
    Suffix,
    /// `^term$`: the name or id is exactly it.
    Whole,
}

/// One name from a `country:`, `forum:` or `source:` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// As typed: ids are compared as written.
    pub raw: String,
    /// Folded, for comparing with names; never empty.
    pub folded: String,
    /// Where `raw` is in the input, to underline it if it names nothing.
    pub span: Range<usize>,
}

/// Why a query cannot be parsed. It shows as its message alone; a UI can also underline
/// `span` and offer `suggestion`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    /// A full sentence, naming the suggestion when there is one.
    pub message: String,
    /// What should replace the text at `span`: writing it there turns the query into the
    /// one the user most likely meant.
    pub suggestion: Option<String>,
    /// Byte range in the input of the text at fault: the field name for an unknown
    /// field, the one bad value of a list, the whole filter when it has no value. Never
    /// empty, and always on character boundaries.
    pub span: Range<usize>,
}

impl Query {
    /// True when the input had no terms (or only ignored operators).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The number of atoms, counting each alternative of a `|`. The parser caps nothing;
    /// a caller that must bound its work can check this.
    pub fn term_count(&self) -> usize {
        self.clauses.iter().map(|c| c.alternatives.len()).sum()
    }

    /// Every atom, in input order.
    pub fn atoms(&self) -> impl Iterator<Item = &Atom> {
        self.clauses.iter().flat_map(|c| c.alternatives.iter())
    }

    /// The folded text of every text term that is not negated, whatever its mode: what a
    /// result's text should highlight. Negated terms are left out because they never
    /// appear in a result.
    pub fn text_terms(&self) -> impl Iterator<Item = &str> {
        self.atoms()
            .filter(|atom| !atom.negated)
            .filter_map(|atom| match &atom.test {
                Test::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
    }

    /// Whether any atom is a filter, negated or not: with none, the caller may take a
    /// plain text search's quicker path.
    pub fn has_filters(&self) -> bool {
        self.atoms().any(|atom| atom.test.is_filter())
    }
}

impl Test {
    /// Everything but text is a filter.
    pub fn is_filter(&self) -> bool {
        !matches!(self, Test::Text { .. })
    }
}

/// Parses a query. Errors are reported for the first bad term from the left.
///
/// Linear in the input's length: each token is looked at once, and "did you mean"
/// suggestions are only computed for the term that fails.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut clauses: Vec<Clause> = Vec::new();
    // A `|` has been seen since the last atom, and there is an atom for it to join.
    let mut join = false;
    for (start, token) in tokens(input) {
        if token == "|" {
            join = !clauses.is_empty();
            continue;
        }
        let Some(atom) = parse_term(token, start)? else {
            continue;
        };
        match clauses.last_mut() {
            Some(last) if join => last.alternatives.push(atom),
            _ => clauses.push(Clause {
                alternatives: vec![atom],
            }),
        }
        join = false;
    }
    Ok(Query { clauses })
}

/// The whitespace-separated tokens of `input`, each with its byte offset. Whitespace is
/// Unicode's: a no-break space pasted from a document separates terms too.
fn tokens(input: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = input;
    let mut offset = 0;
    std::iter::from_fn(move || {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return None;
        }
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let start = offset;
        offset += end;
        rest = &trimmed[end..];
        Some((start, &trimmed[..end]))
    })
}

/// One token that is not a lone `|`, with the `!` taken off.
struct Term<'a> {
    /// The whole token, `!` included.
    token: &'a str,
    /// The token after the `!`, if any.
    body: &'a str,
    /// Byte offset of `body` in the input.
    start: usize,
    negated: bool,
}

impl Term<'_> {
    fn span(&self) -> Range<usize> {
        self.start..self.start + self.body.len()
    }

    /// The token with a `'` to make it text, for error messages.
    fn quoted(&self) -> String {
        let bang = if self.negated { "!" } else { "" };
        format!("{bang}'{}", self.body)
    }
}

/// An atom, or `None` for a token that is only operators.
fn parse_term(token: &str, start: usize) -> Result<Option<Atom>, QueryError> {
    let term = match token.strip_prefix('!') {
        Some(body) => Term {
            token,
            body,
            start: start + 1,
            negated: true,
        },
        None => Term {
            token,
            body: token,
            start,
            negated: false,
        },
    };
    let span = start..start + term.token.len();
    let atom = |test| Atom {
        negated: term.negated,
        test,
        span: span.clone(),
    };
    if let Some(literal) = term.body.strip_prefix('\'') {
        return Ok(text(literal, TextMode::Exact).map(atom));
    }
    if let Some(colon) = term.body.find(':') {
        return parse_filter(&term, colon).map(|test| Some(atom(test)));
    }
    let (prefix, rest) = match term.body.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, term.body),
    };
    let (suffix, rest) = match rest.strip_suffix('$') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let mode = match (prefix, suffix) {
        (true, true) => TextMode::Whole,
        (true, false) => TextMode::Prefix,
        (false, true) => TextMode::Suffix,
        (false, false) if term.negated => TextMode::Exact,
        (false, false) => TextMode::Fuzzy,
    };
    Ok(text(rest, mode).map(atom))
}

/// A text test, or `None` when nothing is left to search for once folded (a lone
/// combining accent folds to nothing).
fn text(raw: &str, mode: TextMode) -> Option<Test> {
    let text = fold(raw);
    (!text.is_empty()).then_some(Test::Text { text, mode })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Kind,
    Status,
    Country,
    Forum,
    Source,
    Topic,
}

impl Field {
    const ALL: [Field; 6] = [
        Field::Kind,
        Field::Status,
        Field::Country,
        Field::Forum,
        Field::Source,
        Field::Topic,
    ];

    fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Status => "status",
            Field::Country => "country",
            Field::Forum => "forum",
            Field::Source => "source",
            Field::Topic => "topic",
        }
    }

    /// Field names are ASCII, so a name with anything else in it is simply unknown.
    fn parse(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|field| field.name().eq_ignore_ascii_case(name))
    }

    /// What to say after "`status:` needs a value".
    fn value_hint(self) -> &'static str {
        match self {
            Field::Kind => ", such as `kind:action`",
            Field::Status => ", such as `status:planned`",
            Field::Country => ": a country's id or name, such as `country:nl`",
            Field::Forum => ": a forum's id or name",
            Field::Source => ": a source's id or name",
            Field::Topic => ": a word from a topic, such as `topic:export`",
        }
    }
}

/// A filter: `body` has a colon at byte `colon`.
fn parse_filter(term: &Term, colon: usize) -> Result<Test, QueryError> {
    let name = &term.body[..colon];
    let Some(field) = Field::parse(name) else {
        return Err(unknown_field(term, name));
    };
    let value_start = term.start + colon + 1;
    // Empty items are skipped: `status:planned,` is a query being typed, not a mistake.
    let items = term.body[colon + 1..]
        .split(',')
        .scan(value_start, |start, item| {
            let span = *start..*start + item.len();
            *start = span.end + 1;
            Some((item, span))
        })
        .filter(|(item, _)| !item.is_empty());
    let test = match field {
        Field::Kind => {
            let mut kinds = Vec::new();
            for (item, span) in items {
                let kind = Kind::parse(item).ok_or_else(|| unknown_kind(item, span))?;
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
            }
            (!kinds.is_empty()).then_some(Test::Kind(kinds))
        }
        Field::Status => {
            let mut statuses = Vec::new();
            for (item, span) in items {
                let status = Status::ALL
                    .into_iter()
                    .find(|status| status.label().eq_ignore_ascii_case(item))
                    .ok_or_else(|| unknown_status(item, span))?;
                if !statuses.contains(&status) {
                    statuses.push(status);
                }
            }
            (!statuses.is_empty()).then_some(Test::Status(statuses))
        }
        Field::Country | Field::Forum | Field::Source => {
            let kind = match field {
                Field::Country => Kind::Country,
                Field::Forum => Kind::Forum,
                _ => Kind::Source,
            };
            let targets: Vec<Target> = items
                .map(|(item, span)| Target {
                    raw: item.to_string(),
                    folded: fold(item),
                    span,
                })
                .filter(|target| !target.folded.is_empty())
                .collect();
            (!targets.is_empty()).then_some(Test::Linked { kind, targets })
        }
        Field::Topic => {
            let topics: Vec<String> = items
                .map(|(item, _)| fold(item))
                .filter(|topic| !topic.is_empty())
                .collect();
            (!topics.is_empty()).then_some(Test::Topic(topics))
        }
    };
    test.ok_or_else(|| QueryError {
        message: format!("`{}:` needs a value{}", field.name(), field.value_hint()),
        suggestion: None,
        span: term.span(),
    })
}

fn unknown_field(term: &Term, name: &str) -> QueryError {
    let span = term.start..term.start + name.len();
    let fields = Field::ALL.map(Field::name);
    if name.is_empty() {
        return QueryError {
            message: format!(
                "`{}` has no field before the colon; to search for the text, quote it: `{}`",
                shown(term.token),
                shown(&term.quoted())
            ),
            suggestion: None,
            span: term.span(),
        };
    }
    // `^status:done`: someone expecting `^` to work on anything; say why it does not.
    if let Some(field) = name.strip_prefix('^').and_then(Field::parse) {
        return QueryError {
            message: format!(
                "unknown field `{name}`: `^` applies to text, not to filters; did you mean `{}`?",
                field.name()
            ),
            suggestion: Some(field.name().to_string()),
            span,
        };
    }
    match did_you_mean(name, fields) {
        Some(field) => QueryError {
            message: format!("unknown field `{}`; did you mean `{field}`?", shown(name)),
            suggestion: Some(field.to_string()),
            span,
        },
        None => QueryError {
            message: format!(
                "unknown field `{}`; the fields are {}; to search for the text, quote it: `{}`",
                shown(name),
                list(&fields),
                shown(&term.quoted())
            ),
            suggestion: None,
            span,
        },
    }
}

fn unknown_kind(name: &str, span: Range<usize>) -> QueryError {
    let names: Vec<&str> = Kind::ALL.iter().map(|kind| kind.label()).collect();
    // Plurals as candidates too, so a misspelt plural (`actionss`) is offered the plural.
    let plurals = Kind::ALL.iter().map(|kind| kind.plural());
    let suggestion = did_you_mean(name, names.iter().copied().chain(plurals));
    unknown_value("kind", "the kinds are", &names, name, suggestion, span)
}

fn unknown_status(name: &str, span: Range<usize>) -> QueryError {
    let labels = Status::ALL.map(Status::label);
    let suggestion = did_you_mean(name, labels);
    unknown_value(
        "status",
        "the statuses are",
        &labels,
        name,
        suggestion,
        span,
    )
}

fn unknown_value(
    what: &str,
    known_are: &str,
    known: &[&str],
    name: &str,
    suggestion: Option<&str>,
    span: Range<usize>,
) -> QueryError {
    let name = shown(name);
    let message = match suggestion {
        Some(suggestion) => format!("unknown {what} `{name}`; did you mean `{suggestion}`?"),
        None => format!("unknown {what} `{name}`; {known_are} {}", list(known)),
    };
    QueryError {
        message,
        suggestion: suggestion.map(str::to_string),
        span,
    }
}

/// Names longer than this many characters are cut short in messages: a page pasted into
/// the finder must not come back whole in its error.
const SHOWN_CHARS: usize = 40;

/// `name` as a message shows it: its first [`SHOWN_CHARS`] characters, then `…`.
pub(crate) fn shown(name: &str) -> std::borrow::Cow<'_, str> {
    match name.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &name[..cut]).into(),
        None => name.into(),
    }
}

/// `a, b and c`.
fn list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> Query {
        parse(input).unwrap_or_else(|e| panic!("{input:?} failed: {e}"))
    }

    fn err(input: &str) -> QueryError {
        match parse(input) {
            Ok(query) => panic!("{input:?} parsed: {query:?}"),
            Err(e) => e,
        }
    }

    /// The query's clauses as (negated, test) pairs, without spans.
    fn shape(input: &str) -> Vec<Vec<(bool, Test)>> {
        ok(input)
            .clauses
            .into_iter()
            .map(|clause| {
                clause
                    .alternatives
                    .into_iter()
                    .map(|atom| (atom.negated, atom.test))
                    .collect()
            })
            .collect()
    }

    /// The only atom of a one-term query.
    fn single(input: &str) -> Atom {
        let query = ok(input);
        assert_eq!(query.term_count(), 1, "{input:?}: {query:?}");
        query
            .clauses
            .into_iter()
            .next()
            .unwrap()
            .alternatives
            .remove(0)
    }

    fn text(text: &str, mode: TextMode) -> Test {
        Test::Text {
            text: text.to_string(),
            mode,
        }
    }

    fn fuzzy(t: &str) -> (bool, Test) {
        (false, text(t, TextMode::Fuzzy))
    }

    fn targets(test: &Test) -> Vec<(&str, &str)> {
        match test {
            Test::Linked { targets, .. } => targets
                .iter()
                .map(|t| (t.raw.as_str(), t.folded.as_str()))
                .collect(),
            other => panic!("not linked: {other:?}"),
        }
    }

    // --- Text terms and operators ---

    #[test]
    fn empty_input_is_an_empty_query() {
        for input in ["", " ", "\t\n  ", "\u{a0}\u{3000}"] {
            let query = ok(input);
            assert!(query.is_empty());
            assert_eq!(query.term_count(), 0);
            assert!(!query.has_filters());
            assert_eq!(query.text_terms().count(), 0);
        }
    }

    #[test]
    fn plain_terms_are_fuzzy_folded_and_all_required() {
        assert_eq!(
            shape("Dual  NL"),
            vec![vec![fuzzy("dual")], vec![fuzzy("nl")]]
        );
    }

    #[test]
    fn quote_makes_an_exact_term() {
        assert_eq!(single("'Exact").test, text("exact", TextMode::Exact));
    }

    #[test]
    fn everything_after_a_quote_is_literal() {
        assert_eq!(single("'note:").test, text("note:", TextMode::Exact));
        assert_eq!(single("'x$").test, text("x$", TextMode::Exact));
        assert_eq!(single("'^x").test, text("^x", TextMode::Exact));
        assert_eq!(
            single("'status:done").test,
            text("status:done", TextMode::Exact)
        );
        assert_eq!(single("''").test, text("'", TextMode::Exact));
        assert_eq!(single("'|").test, text("|", TextMode::Exact));
        assert_eq!(single("'!x").test, text("!x", TextMode::Exact));
    }

    #[test]
    fn caret_and_dollar_anchor() {
        assert_eq!(single("^pre").test, text("pre", TextMode::Prefix));
        assert_eq!(single("suf$").test, text("suf", TextMode::Suffix));
        assert_eq!(single("^Whole$").test, text("whole", TextMode::Whole));
        // Only one of each is an operator; the rest is text.
        assert_eq!(single("^^x").test, text("^x", TextMode::Prefix));
        assert_eq!(single("x$$").test, text("x$", TextMode::Suffix));
        assert_eq!(single("a^b$c").test, text("a^b$c", TextMode::Fuzzy));
    }

    #[test]
    fn bang_negates_as_a_substring() {
        let atom = single("!Term");
        assert!(atom.negated);
        assert_eq!(atom.test, text("term", TextMode::Exact));
    }

    #[test]
    fn bang_combines_with_every_text_operator() {
        let cases = [
            ("!'x", TextMode::Exact),
            ("!^x", TextMode::Prefix),
            ("!x$", TextMode::Suffix),
            ("!^x$", TextMode::Whole),
        ];
        for (input, mode) in cases {
            let atom = single(input);
            assert!(atom.negated, "{input}");
            assert_eq!(atom.test, text("x", mode), "{input}");
        }
        // A quote after the bang protects a colon.
        let atom = single("!'note:");
        assert!(atom.negated);
        assert_eq!(atom.test, text("note:", TextMode::Exact));
        // Only the first bang is an operator.
        let atom = single("!!x");
        assert!(atom.negated);
        assert_eq!(atom.test, text("!x", TextMode::Exact));
    }

    #[test]
    fn atoms_remember_their_tokens() {
        let query = ok("  ab !^cd\u{a0}'é | kind:action");
        let spans: Vec<_> = query.atoms().map(|a| a.span.clone()).collect();
        let input = "  ab !^cd\u{a0}'é | kind:action";
        let tokens: Vec<_> = spans.iter().map(|s| &input[s.clone()]).collect();
        assert_eq!(tokens, ["ab", "!^cd", "'é", "kind:action"]);
    }

    // --- `|` ---

    #[test]
    fn bar_binds_the_adjacent_terms() {
        assert_eq!(
            shape("x a | b | c y"),
            vec![
                vec![fuzzy("x")],
                vec![fuzzy("a"), fuzzy("b"), fuzzy("c")],
                vec![fuzzy("y")],
            ]
        );
        assert_eq!(
            shape("a | b c | d"),
            vec![vec![fuzzy("a"), fuzzy("b")], vec![fuzzy("c"), fuzzy("d")]]
        );
    }

    #[test]
    fn bar_is_an_operator_only_alone() {
        assert_eq!(shape("a|b"), vec![vec![fuzzy("a|b")]]);
        assert_eq!(shape("a |b"), vec![vec![fuzzy("a")], vec![fuzzy("|b")]]);
        assert_eq!(shape("||"), vec![vec![fuzzy("||")]]);
    }

    #[test]
    fn filters_and_negations_take_part_in_bar() {
        assert_eq!(
            shape("status:planned | status:ongoing"),
            vec![vec![
                (false, Test::Status(vec![Status::Planned])),
                (false, Test::Status(vec![Status::Ongoing])),
            ]]
        );
        assert_eq!(
            shape("!^x | kind:forum"),
            vec![vec![
                (true, text("x", TextMode::Prefix)),
                (false, Test::Kind(vec![Kind::Forum])),
            ]]
        );
    }

    #[test]
    fn dangling_and_doubled_bars_are_ignored() {
        assert!(ok("|").is_empty());
        assert!(ok("| |").is_empty());
        assert_eq!(shape("| a"), vec![vec![fuzzy("a")]]);
        assert_eq!(shape("a |"), vec![vec![fuzzy("a")]]);
        assert_eq!(shape("| a |"), vec![vec![fuzzy("a")]]);
        assert_eq!(shape("a | | b"), vec![vec![fuzzy("a"), fuzzy("b")]]);
        assert_eq!(
            shape("| | a | | | b | |"),
            vec![vec![fuzzy("a"), fuzzy("b")]]
        );
    }

    // --- Lone operators ---

    #[test]
    fn lone_operators_are_ignored() {
        for input in [
            "!", "'", "^", "$", "^$", "!'", "!^", "!$", "!^$", "\u{301}", "!\u{301}",
        ] {
            assert!(ok(input).is_empty(), "{input:?}");
        }
    }

    #[test]
    fn ignored_tokens_vanish_before_grouping() {
        assert_eq!(shape("a ! | b"), vec![vec![fuzzy("a"), fuzzy("b")]]);
        assert_eq!(shape("a | ' b"), vec![vec![fuzzy("a"), fuzzy("b")]]);
        assert_eq!(shape("! a ^ b $"), vec![vec![fuzzy("a")], vec![fuzzy("b")]]);
    }

    #[test]
    fn bang_bar_is_a_negated_literal_bar() {
        assert_eq!(shape("!|"), vec![vec![(true, text("|", TextMode::Exact))]]);
    }

    #[test]
    fn lone_specials_are_searchable_when_quoted() {
        for (input, expected) in [("'!", "!"), ("'^", "^"), ("'$", "$"), ("':", ":")] {
            assert_eq!(single(input).test, text(expected, TextMode::Exact));
        }
    }

    // --- Filters ---

    #[test]
    fn kind_accepts_singular_plural_and_any_case() {
        for (input, kind) in [
            ("kind:country", Kind::Country),
            ("kind:countries", Kind::Country),
            ("kind:forum", Kind::Forum),
            ("kind:Forums", Kind::Forum),
            ("kind:action", Kind::Action),
            ("kind:actions", Kind::Action),
            ("KIND:SOURCE", Kind::Source),
            ("Kind:sources", Kind::Source),
        ] {
            assert_eq!(single(input).test, Test::Kind(vec![kind]), "{input}");
        }
    }

    #[test]
    fn kind_knows_briefings() {
        for input in ["kind:briefing", "kind:Briefings"] {
            assert_eq!(single(input).test, Test::Kind(vec![Kind::Briefing]));
        }
    }

    #[test]
    fn kind_lists_mean_or_without_duplicates() {
        assert_eq!(
            single("kind:action,forums,actions,briefing").test,
            Test::Kind(vec![Kind::Action, Kind::Forum, Kind::Briefing])
        );
    }

    #[test]
    fn status_accepts_every_status_in_any_case() {
        for status in Status::ALL {
            let label = status.label();
            for value in [
                label.to_string(),
                label.to_lowercase(),
                label.to_uppercase(),
            ] {
                let input = format!("status:{value}");
                assert_eq!(single(&input).test, Test::Status(vec![status]), "{input}");
            }
        }
        assert_eq!(
            single("Status:PlAnNeD").test,
            Test::Status(vec![Status::Planned])
        );
    }

    #[test]
    fn status_lists_mean_or_without_duplicates() {
        assert_eq!(
            single("status:planned,Ongoing,PLANNED").test,
            Test::Status(vec![Status::Planned, Status::Ongoing])
        );
    }

    #[test]
    fn stray_commas_are_ignored() {
        for input in ["status:planned,", "status:,planned", "status:,,planned,,"] {
            assert_eq!(
                single(input).test,
                Test::Status(vec![Status::Planned]),
                "{input}"
            );
        }
    }

    #[test]
    fn negated_filters() {
        let atom = single("!status:done");
        assert!(atom.negated);
        assert_eq!(atom.test, Test::Status(vec![Status::Done]));
        assert_eq!(atom.span, 0..12);
        let atom = single("!country:nl,de");
        assert!(atom.negated);
        assert_eq!(targets(&atom.test), [("nl", "nl"), ("de", "de")]);
    }

    #[test]
    fn linked_fields_keep_raw_and_folded_targets() {
        for (field, kind) in [
            ("country", Kind::Country),
            ("FORUM", Kind::Forum),
            ("Source", Kind::Source),
        ] {
            let input = format!("{field}:NL");
            let atom = single(&input);
            match &atom.test {
                Test::Linked { kind: k, targets } => {
                    assert_eq!(*k, kind);
                    assert_eq!(
                        targets,
                        &[Target {
                            raw: "NL".into(),
                            folded: "nl".into(),
                            span: field.len() + 1..field.len() + 3,
                        }]
                    );
                }
                other => panic!("{input}: {other:?}"),
            }
        }
    }

    #[test]
    fn linked_lists_mean_or_and_keep_spans() {
        let input = "x country:Česko,,de-BE";
        let atom = ok(input).clauses.remove(1).alternatives.remove(0);
        assert_eq!(
            targets(&atom.test),
            [("Česko", "cesko"), ("de-BE", "de-be")]
        );
        let Test::Linked { targets, .. } = &atom.test else {
            unreachable!()
        };
        let spans: Vec<_> = targets.iter().map(|t| &input[t.span.clone()]).collect();
        assert_eq!(spans, ["Česko", "de-BE"]);
    }

    #[test]
    fn a_value_keeps_later_colons() {
        assert_eq!(
            targets(&single("source:doc:2021").test),
            [("doc:2021", "doc:2021")]
        );
    }

    #[test]
    fn topic_is_folded_and_may_be_a_list() {
        assert_eq!(
            single("topic:Exportcontrôle").test,
            Test::Topic(vec!["exportcontrole".into()])
        );
        assert_eq!(
            single("topic:dual,ARMS").test,
            Test::Topic(vec!["dual".into(), "arms".into()])
        );
    }

    #[test]
    fn filters_and_text_mix() {
        let query = ok("nl kind:action !status:done 'note: ^x");
        assert_eq!(query.term_count(), 5);
        assert!(query.has_filters());
        assert_eq!(query.text_terms().collect::<Vec<_>>(), ["nl", "note:", "x"]);
    }

    #[test]
    fn text_terms_leave_out_negations_and_filters() {
        let query = ok("Alpha !beta a | 'Gamma status:done | ^delta !kind:forum");
        assert_eq!(
            query.text_terms().collect::<Vec<_>>(),
            ["alpha", "a", "gamma", "delta"]
        );
        assert!(!ok("alpha !beta").has_filters());
        assert!(ok("!kind:forum").has_filters());
        assert!(Test::Topic(vec!["x".into()]).is_filter());
        assert!(!text("x", TextMode::Fuzzy).is_filter());
    }

    // --- Errors ---

    /// Replacing the span with the suggestion must give a query that parses.
    fn assert_fix(input: &str, expected_fix: &str) {
        let e = err(input);
        let suggestion = e.suggestion.as_deref().expect("a suggestion");
        let mut fixed = input.to_string();
        fixed.replace_range(e.span.clone(), suggestion);
        assert_eq!(fixed, expected_fix);
        ok(&fixed);
    }

    #[test]
    fn unknown_field_suggests_the_nearest() {
        let e = err("statu:planned");
        assert_eq!(e.message, "unknown field `statu`; did you mean `status`?");
        assert_eq!(e.suggestion.as_deref(), Some("status"));
        assert_eq!(e.span, 0..5);
        assert_eq!(e.to_string(), e.message);
        assert_fix("statu:planned", "status:planned");
        assert_fix("x !contry:nl", "x !country:nl");
        assert_fix("topics:arms", "topic:arms");
    }

    #[test]
    fn unknown_field_without_a_suggestion_explains_quoting() {
        let e = err("ab note:x");
        assert_eq!(
            e.message,
            "unknown field `note`; the fields are kind, status, country, forum, source \
             and topic; to search for the text, quote it: `'note:x`"
        );
        assert_eq!(e.suggestion, None);
        assert_eq!(e.span, 3..7);
        let e = err("!https://example.org");
        assert_eq!(e.span, 1..6);
        assert!(
            e.message.ends_with("quote it: `!'https://example.org`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_colon_without_a_field_is_an_error() {
        let e = err("a :x");
        assert_eq!(
            e.message,
            "`:x` has no field before the colon; to search for the text, quote it: `':x`"
        );
        assert_eq!(e.span, 2..4);
        assert_eq!(e.suggestion, None);
        let e = err(":");
        assert_eq!(e.span, 0..1);
        let e = err("!:");
        assert_eq!(e.span, 1..2);
        assert!(e.message.ends_with("quote it: `!':`"), "{}", e.message);
    }

    #[test]
    fn caret_on_a_filter_is_explained() {
        let e = err("^status:done");
        assert_eq!(
            e.message,
            "unknown field `^status`: `^` applies to text, not to filters; did you mean `status`?"
        );
        assert_eq!(e.span, 0..7);
        assert_fix("^status:done", "status:done");
        assert_fix("!^KIND:forum", "!kind:forum");
    }

    #[test]
    fn unknown_status_suggests_the_nearest() {
        let e = err("status:planed");
        assert_eq!(
            e.message,
            "unknown status `planed`; did you mean `Planned`?"
        );
        assert_eq!(e.suggestion.as_deref(), Some("Planned"));
        assert_eq!(e.span, 7..13);
        assert_fix("status:planed", "status:Planned");
        // The span is the bad item of a list.
        let e = err("x status:ongoing,canceled,done");
        assert_eq!(e.suggestion.as_deref(), Some("Cancelled"));
        assert_eq!(e.span, 17..25);
        assert_fix(
            "x status:ongoing,canceled,done",
            "x status:ongoing,Cancelled,done",
        );
    }

    #[test]
    fn unknown_status_without_a_suggestion_lists_them() {
        let e = err("status:zzz");
        assert_eq!(
            e.message,
            "unknown status `zzz`; the statuses are Intended, Planned, Ongoing, Recurring, \
             Done, Paused and Cancelled"
        );
        assert_eq!(e.suggestion, None);
        assert_eq!(e.span, 7..10);
    }

    #[test]
    fn unknown_kind_suggests_the_nearest() {
        let e = err("kind:contry");
        assert_eq!(e.message, "unknown kind `contry`; did you mean `country`?");
        assert_eq!(e.span, 5..11);
        assert_fix("kind:contry", "kind:country");
        assert_fix("kind:countrys", "kind:country");
        assert_fix("kind:actionss", "kind:actions");
        assert_fix("kind:breifing", "kind:briefing");
        let e = err("kind:zzz");
        assert_eq!(
            e.message,
            "unknown kind `zzz`; the kinds are country, forum, action, source and briefing"
        );
        assert_eq!(e.suggestion, None);
    }

    #[test]
    fn an_empty_value_is_an_error() {
        let cases = [
            (
                "status:",
                "`status:` needs a value, such as `status:planned`",
            ),
            ("kind:", "`kind:` needs a value, such as `kind:action`"),
            (
                "country:",
                "`country:` needs a value: a country's id or name, such as `country:nl`",
            ),
            ("forum:", "`forum:` needs a value: a forum's id or name"),
            ("source:", "`source:` needs a value: a source's id or name"),
            (
                "topic:",
                "`topic:` needs a value: a word from a topic, such as `topic:export`",
            ),
        ];
        for (input, message) in cases {
            let e = err(input);
            assert_eq!(e.message, message);
            assert_eq!(e.suggestion, None);
            assert_eq!(e.span, 0..input.len());
        }
        // Commas alone are no value, and the span leaves the bang out.
        let e = err("a !Status:,,");
        assert_eq!(
            e.message,
            "`status:` needs a value, such as `status:planned`"
        );
        assert_eq!(e.span, 3..12);
        // Nor is a lone accent, which folds to nothing.
        let e = err("country:\u{301}");
        assert_eq!(e.span, 0..10);
    }

    #[test]
    fn a_long_name_is_cut_short_in_the_message() {
        let long = "x".repeat(100_000);
        for input in [
            format!("{long}:y"),
            format!(":{long}"),
            format!("status:{long}"),
            format!("kind:{long}"),
        ] {
            let e = err(&input);
            assert!(e.message.len() < 300, "{}", e.message);
            assert!(
                e.message.contains(&format!("{}…", "x".repeat(39))),
                "{}",
                e.message
            );
            // The span still covers the whole name at fault.
            assert!(e.span.len() >= 100_000, "{input:.20}: {:?}", e.span);
        }
        assert_eq!(shown("short"), "short");
        assert_eq!(shown(&"é".repeat(41)), format!("{}…", "é".repeat(40)));
    }

    #[test]
    fn the_first_error_from_the_left_wins() {
        let e = err("ok kind:zzz statu:x status:");
        assert_eq!(e.span, 8..11);
        let e = err("status:done,planed,zzz");
        assert_eq!(e.span, 12..18);
    }

    #[test]
    fn quoting_or_anchoring_a_later_token_does_not_hide_an_error() {
        let e = err("'fine statu:x");
        assert_eq!(e.span, 6..11);
    }

    // --- Unicode ---

    #[test]
    fn unicode_is_folded() {
        assert_eq!(
            single("'tweeërlei").test,
            text("tweeerlei", TextMode::Exact)
        );
        assert_eq!(single("^Česko$").test, text("cesko", TextMode::Whole));
        assert_eq!(single("!Ångström").test, text("angstrom", TextMode::Exact));
        assert_eq!(single("中文$").test, text("中文", TextMode::Suffix));
    }

    #[test]
    fn unicode_whitespace_separates_terms() {
        assert_eq!(
            shape("a\u{a0}b\u{3000}c\u{2003}|\u{2003}d"),
            vec![
                vec![fuzzy("a")],
                vec![fuzzy("b")],
                vec![fuzzy("c"), fuzzy("d")]
            ]
        );
    }

    #[test]
    fn unicode_in_fields_and_values_errors_on_char_boundaries() {
        let input = "é stätus:x";
        let e = err(input);
        assert_eq!(&input[e.span.clone()], "stätus");
        let input = "ü status:plännéd";
        let e = err(input);
        assert_eq!(&input[e.span.clone()], "plännéd");
        let input = "kind:ÄCTION";
        let e = err(input);
        assert_eq!(&input[e.span.clone()], "ÄCTION");
    }

    // --- Scale and robustness ---

    #[test]
    fn ten_thousand_terms_parse() {
        let input: String = (0..10_000)
            .map(|i| match i % 5 {
                0 => format!("term{i}"),
                1 => format!("!^t{i}"),
                2 => "status:planned,done".to_string(),
                3 => format!("'é{i}$"),
                _ => format!("country:c{i}"),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let query = ok(&input);
        assert_eq!(query.term_count(), 10_000);
        assert_eq!(query.clauses.len(), 10_000);

        let ored = vec!["a"; 10_000].join(" | ");
        let query = ok(&ored);
        assert_eq!(query.clauses.len(), 1);
        assert_eq!(query.term_count(), 10_000);

        let list = format!("country:{}", vec!["nl"; 10_000].join(","));
        assert_eq!(targets(&single(&list).test).len(), 10_000);
    }

    /// xorshift64: deterministic, with no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_input_never_panics_and_spans_are_sound() {
        const PIECES: &[&str] = &[
            "a", "b", "x", "Z", "1", " ", " ", "  ", "\t", "!", "'", "^", "$", "|", " | ", ":",
            ",", "é", "Č", "ß", "中", "\u{301}", "\u{a0}", "İ", "🙂", "kind", "status", "country",
            "forum", "source", "topic", "statu", "planned", "done", "action", "briefing", "nl",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut errors = 0;
        for _ in 0..5_000 {
            let len = rng.below(24);
            let input: String = (0..len).map(|_| PIECES[rng.below(PIECES.len())]).collect();
            match parse(&input) {
                Ok(query) => {
                    for clause in &query.clauses {
                        assert!(!clause.alternatives.is_empty(), "{input:?}");
                        for atom in &clause.alternatives {
                            let span = atom.span.clone();
                            assert!(span.start < span.end && span.end <= input.len());
                            assert!(input.get(span).is_some(), "{input:?}");
                            match &atom.test {
                                Test::Text { text, .. } => assert!(!text.is_empty()),
                                Test::Kind(v) => assert!(!v.is_empty()),
                                Test::Status(v) => assert!(!v.is_empty()),
                                Test::Topic(v) => assert!(v.iter().all(|t| !t.is_empty())),
                                Test::Linked { targets, .. } => {
                                    assert!(!targets.is_empty());
                                    for t in targets {
                                        assert_eq!(input.get(t.span.clone()), Some(&*t.raw));
                                    }
                                }
                            }
                        }
                    }
                }
                Err(e) => {
                    errors += 1;
                    let span = e.span.clone();
                    assert!(span.start < span.end, "{input:?}: {e:?}");
                    assert!(span.end <= input.len(), "{input:?}: {e:?}");
                    assert!(input.get(span).is_some(), "{input:?}: {e:?}");
                    assert!(!e.message.is_empty());
                }
            }
        }
        // The generator must reach the error paths, or the test proves little.
        assert!(errors > 100, "only {errors} errors");
    }
}
