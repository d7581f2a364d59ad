//! Whether and how one term matches one entry: the tiers of the README's "What a word
//! matches, and how hits rank", each decided by a single pass over a short text, over
//! bytes when the texts are ASCII (nearly always) and over characters otherwise.

use crate::query::TextMode;

use super::build::{ASCII_NAMES, ASCII_TITLE, Entry};
use super::compile::Term;

/// How well one term matches one item, best last. A term's score is its tier times
/// `TIER_WEIGHT` plus fuzzy-matcher's score, so any match of a better tier outranks any
/// match of a worse one, and fuzzy-matcher orders matches within a tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Tier {
    /// Strewn across a name or id: `dual` in `dk-annual-consultation`.
    LooseInName,
    /// A whole word or part of one in the body text.
    TightInBody,
    /// A substring of a name or id, or word starts in it: `nac` in `nl-annual-consultation`.
    TightInName,
}

pub(super) const TIER_WEIGHT: i64 = 1 << 20;

/// The three texts of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FieldName {
    Title,
    Names,
    Body,
}

/// What one text term is to one entry.
#[derive(Debug, Clone, Copy)]
pub(super) enum Outcome {
    Found(Tier, Found),
    /// A miss that passes the narrowing's relaxed test.
    Relaxed,
    Out,
}

/// What a search for a term this one extends (`ann`, typed before `annu`) found in an
/// entry. Every place `annu` is holds `ann` at the same start, and a name's word starts
/// that spell `annu` spell `ann`, so the longer term is never found earlier, nor in a
/// better way, than the shorter was: the searches before that need not be made again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hint {
    /// First found in `field` at byte `at`: the longer term is in no field before it,
    /// nor earlier in it.
    At { field: FieldName, at: usize },
    /// Spelt by a name's word starts: in no name as it is typed.
    WordStarts,
    /// In no name as typed, nor spelt by word starts, nor in the body: at most loosely
    /// in a name, which a longer term can be where a shorter was not (`abcdefgh` in
    /// `axxbcdefgh`, where `ab` is too far apart).
    OnlyLoose,
    /// Failed even the relaxed test, which a longer term passes only where it does.
    Out,
    /// Nowhere in the entry as typed (a negated term that passed): nor is a longer one.
    Absent,
}

/// Where a term was found in an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Found {
    /// As a substring starting at byte `at`.
    Substring { field: FieldName, at: usize },
    /// As letters in order (word starts, or anywhere).
    Letters { field: FieldName },
}

/// One entry's folded texts, borrowed from the index. They are UTF-8, but kept as bytes
/// until a character is needed: slicing a `str` checks that both ends fall on character
/// boundaries, which reads memory a search would otherwise never touch, and that check
/// alone once cost a search of 100 000 items more than its matching.
#[derive(Debug, Clone, Copy)]
pub(super) struct Texts<'a> {
    pub(super) title: &'a [u8],
    pub(super) names: &'a [u8],
    pub(super) body: &'a [u8],
    pub(super) topics: &'a [u8],
    pub(super) entry: &'a Entry,
    /// The entry's position in the index.
    pub(super) at: u32,
}

const NAME_FIELDS: [FieldName; 2] = [FieldName::Title, FieldName::Names];

/// Where to look for a term in one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    /// Nowhere: a shorter term it extends ruled the field out.
    Skip,
    Whole,
    /// At and after the byte where a shorter term it extends was first found.
    From(usize),
}

/// Where to look in the title, the other names and the body, by what a shorter term
/// found (see [`Hint`]).
#[inline]
fn looks(hint: Option<Hint>) -> [Look; 3] {
    let Some(hint) = hint else {
        return [Look::Whole; 3];
    };
    match hint {
        // Only a negated term is told this, and it is answered before looking.
        Hint::Absent => [Look::Whole; 3],
        Hint::At { field, at } => match field {
            FieldName::Title => [Look::From(at), Look::Whole, Look::Whole],
            FieldName::Names => [Look::Skip, Look::From(at), Look::Whole],
            FieldName::Body => [Look::Skip, Look::Skip, Look::From(at)],
        },
        Hint::WordStarts => [Look::Skip, Look::Skip, Look::Whole],
        Hint::OnlyLoose | Hint::Out => [Look::Skip; 3],
    }
}

/// From this many bytes, a term is checked to be in a name in order before its word
/// starts and loose matches are looked for.
const LONG_TERM: usize = 5;

impl<'a> Texts<'a> {
    pub(super) fn field(&self, name: FieldName) -> &'a [u8] {
        match name {
            FieldName::Title => self.title,
            FieldName::Names => self.names,
            FieldName::Body => self.body,
        }
    }

    fn mask(&self, name: FieldName) -> u64 {
        let [title, names, body] = self.entry.masks;
        match name {
            FieldName::Title => title,
            FieldName::Names => names,
            FieldName::Body => body,
        }
    }

    /// Whether every character of `term` may be in the field: a bloom, so a yes may
    /// be wrong, a no never is.
    fn may_hold(&self, name: FieldName, term: &Term) -> bool {
        self.mask(name) & term.mask == term.mask
    }

    pub(super) fn is_ascii(&self, name: FieldName) -> bool {
        let bit = match name {
            FieldName::Title => ASCII_TITLE,
            FieldName::Names => ASCII_NAMES,
            FieldName::Body => return self.body.is_ascii(),
        };
        self.entry.ascii & bit != 0
    }

    fn find_in(&self, name: FieldName, term: &Term) -> Option<usize> {
        if !self.may_hold(name, term) {
            return None;
        }
        term.finder.find(self.field(name))
    }

    /// Where a text term is found, by its mode, and in which tier.
    pub(super) fn find_text(&self, term: &Term, mode: TextMode) -> Option<(Tier, Found)> {
        match self.judge_text(term, mode, false, None) {
            Outcome::Found(tier, found) => Some((tier, found)),
            Outcome::Relaxed | Outcome::Out => None,
        }
    }

    /// [`find_text`](Self::find_text), and for a miss, when `relax` asks, whether the
    /// entry passes the [relaxed](Self::relaxed) test. A miss has already searched the
    /// body (the longest text by far) for the term, so the relaxed test need not again.
    /// A `hint` (fuzzy and exact terms only) skips what a shorter term ruled out.
    #[inline]
    pub(super) fn judge_text(
        &self,
        term: &Term,
        mode: TextMode,
        relax: bool,
        hint: Option<Hint>,
    ) -> Outcome {
        match mode {
            TextMode::Fuzzy => self.find_term(term, relax, hint),
            TextMode::Exact => {
                let [title, names, body] = looks(hint);
                if let Some(found) = self.find_in_names(term, title, names) {
                    return Outcome::Found(Tier::TightInName, found);
                }
                let field = FieldName::Body;
                match self.find_from(field, term, body) {
                    Some(at) => Outcome::Found(Tier::TightInBody, Found::Substring { field, at }),
                    // Both places the relaxed test looks have been searched (an exact
                    // term matches nothing loosely).
                    None => Outcome::Out,
                }
            }
            TextMode::Prefix | TextMode::Suffix | TextMode::Whole => {
                let wanted = term.text.as_bytes();
                for field in NAME_FIELDS {
                    let text = self.field(field);
                    let mut at = 0;
                    for line in text.split(|&byte| byte == b'\n') {
                        let hit = match mode {
                            TextMode::Prefix => line.starts_with(wanted).then_some(at),
                            TextMode::Suffix => line
                                .ends_with(wanted)
                                .then(|| at + line.len() - wanted.len()),
                            _ => (line == wanted).then_some(at),
                        };
                        if let Some(at) = hit {
                            return Outcome::Found(
                                Tier::TightInName,
                                Found::Substring { field, at },
                            );
                        }
                        at += line.len() + 1;
                    }
                }
                match relax && self.relaxed(term, mode) {
                    true => Outcome::Relaxed,
                    false => Outcome::Out,
                }
            }
        }
    }

    /// For a negated term: whether the text is there at all, as typed.
    pub(super) fn contains_text(&self, term: &Term, mode: TextMode) -> bool {
        match mode {
            TextMode::Fuzzy | TextMode::Exact => {
                [FieldName::Title, FieldName::Names, FieldName::Body]
                    .into_iter()
                    .any(|field| self.find_in(field, term).is_some())
            }
            mode => self.find_text(term, mode).is_some(),
        }
    }

    /// How a fuzzy `term` matches, best tier first, without fuzzy-matcher's scoring:
    /// substring searches, word starts and a subsequence check are all single passes.
    /// For a miss, with `relax`, whether the entry passes the relaxed test. A `hint`
    /// skips the searches a shorter term's ruled out.
    fn find_term(&self, term: &Term, relax: bool, hint: Option<Hint>) -> Outcome {
        if hint == Some(Hint::Out) {
            return Outcome::Out;
        }
        let [title_look, names_look, body_look] = looks(hint);
        if let Some(found) = self.find_in_names(term, title_look, names_look) {
            return Outcome::Found(Tier::TightInName, found);
        }
        let word_starts = !matches!(
            hint,
            Some(
                Hint::At {
                    field: FieldName::Body,
                    ..
                } | Hint::OnlyLoose
            )
        );
        // Every other way a term matches a name spells it in order, so a name it is not
        // a subsequence of (most names, for a longer term) needs no other look. A short
        // term is in order in most names, and its word starts and loose matches are
        // quicker to look for than to rule out this way.
        let long = term.text.len() >= LONG_TERM;
        let [title, names] = NAME_FIELDS
            .map(|field| self.may_hold(field, term) && (!long || self.spells(field, term)));
        let spelt = |field: FieldName| match field {
            FieldName::Title => title,
            _ => names,
        };
        for field in NAME_FIELDS.into_iter().filter(|&field| spelt(field)) {
            if word_starts && self.word_starts(field, term) {
                return Outcome::Found(Tier::TightInName, Found::Letters { field });
            }
        }
        let field = FieldName::Body;
        if let Some(at) = self.find_from(field, term, body_look) {
            return Outcome::Found(Tier::TightInBody, Found::Substring { field, at });
        }
        for field in NAME_FIELDS.into_iter().filter(|&field| spelt(field)) {
            if self.close_subsequence(field, term) {
                return Outcome::Found(Tier::LooseInName, Found::Letters { field });
            }
        }
        // The body has been searched (or ruled out), so only a name spelling the term
        // passes the relaxed test; a long term's spelling is known already.
        let spelt_in_a_name = || match long {
            true => title || names,
            false => NAME_FIELDS
                .into_iter()
                .any(|field| self.spells(field, term)),
        };
        match relax && spelt_in_a_name() {
            true => Outcome::Relaxed,
            false => Outcome::Out,
        }
    }

    /// The first place `term` is in the title, else in the other names.
    #[inline(always)]
    fn find_in_names(&self, term: &Term, title: Look, names: Look) -> Option<Found> {
        let field = FieldName::Title;
        if let Some(at) = self.find_from(field, term, title) {
            return Some(Found::Substring { field, at });
        }
        let field = FieldName::Names;
        let at = self.find_from(field, term, names)?;
        Some(Found::Substring { field, at })
    }

    /// The first place `term` is in the field, looking where `look` says. Where a
    /// shorter term it extends was first found, the longer one most often is too.
    #[inline(always)]
    fn find_from(&self, field: FieldName, term: &Term, look: Look) -> Option<usize> {
        let from = match look {
            Look::Skip => return None,
            Look::Whole => return self.find_in(field, term),
            Look::From(from) => from,
        };
        if !self.may_hold(field, term) {
            return None;
        }
        let tail = self.field(field).get(from..)?;
        if tail.starts_with(term.text.as_bytes()) {
            return Some(from);
        }
        let found = term.finder.find(tail.get(1..)?)?;
        Some(from + 1 + found)
    }

    /// A test that every item matching `term` in `mode` passes, and that a longer term
    /// typed after it (`mode` or a stricter one) only passes where it does: letters in
    /// order in a name, or the term as typed in the body. Narrowing keeps the items
    /// passing it, as fzf keeps its hits, but unlike the hits this holds however a
    /// term grows: `abcdefgh` can match loosely where its start `ab` matches nothing.
    pub(super) fn relaxed(&self, term: &Term, mode: TextMode) -> bool {
        let names = || {
            NAME_FIELDS.into_iter().any(|field| match mode {
                TextMode::Fuzzy => self.spells(field, term),
                _ => self.find_in(field, term).is_some(),
            })
        };
        let body = || {
            matches!(mode, TextMode::Fuzzy | TextMode::Exact)
                && self.find_in(FieldName::Body, term).is_some()
        };
        names() || body()
    }

    /// Whether `term`'s characters are in the field in order.
    fn spells(&self, field: FieldName, term: &Term) -> bool {
        if !self.may_hold(field, term) {
            return false;
        }
        let bytes = self.field(field);
        match term.text.is_ascii() {
            true => is_subsequence_ascii(term.text.as_bytes(), bytes),
            false => is_subsequence(&term.text, text(bytes)),
        }
    }

    fn word_starts(&self, field: FieldName, term: &Term) -> bool {
        let bytes = self.field(field);
        if self.is_ascii(field) && term.text.is_ascii() {
            matches_word_starts_ascii(bytes, term.text.as_bytes())
        } else {
            matches_word_starts(text(bytes), &term.text)
        }
    }

    fn close_subsequence(&self, field: FieldName, term: &Term) -> bool {
        let bytes = self.field(field);
        if self.is_ascii(field) && term.text.is_ascii() {
            is_close_subsequence_ascii(term.text.as_bytes(), bytes)
        } else {
            is_close_subsequence(&term.text, text(bytes))
        }
    }
}

/// Folded text as the `str` it is: the index only ever cuts it on character boundaries.
pub(super) fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// The characters either side of the `len` bytes at `at`, `None` at either end: with
/// the term itself, all fuzzy-matcher looks at when it scores a contiguous match (a
/// word boundary before it earns a bonus), so a match's score is the same wherever
/// these are the same.
pub(super) fn neighbours(bytes: &[u8], at: usize, len: usize) -> (Option<char>, Option<char>) {
    // An ASCII byte is a whole character in UTF-8 (every byte of a longer one is
    // 0x80 or more), as nearly every neighbour is.
    let before = at.checked_sub(1).map(|before| bytes.get(before));
    let after = bytes.get(at + len);
    match (before, after) {
        (Some(Some(&b)), Some(&a)) if b.is_ascii() && a.is_ascii() => {
            (Some(char::from(b)), Some(char::from(a)))
        }
        (None, Some(&a)) if a.is_ascii() => (None, Some(char::from(a))),
        (Some(Some(&b)), None) if b.is_ascii() && at + len == bytes.len() => {
            (Some(char::from(b)), None)
        }
        _ => neighbours_decoded(bytes, at, len),
    }
}

/// [`neighbours`] by decoding, whatever the characters are.
fn neighbours_decoded(bytes: &[u8], at: usize, len: usize) -> (Option<char>, Option<char>) {
    // A character is at most four bytes: decode no more than that either side.
    let before = bytes.get(at.saturating_sub(4)..at).unwrap_or_default();
    let before = (0..before.len())
        .find_map(|skip| std::str::from_utf8(before.get(skip..)?).ok())
        .and_then(|before| before.chars().next_back());
    let after = bytes.get(at + len..).unwrap_or_default();
    let after = after.get(..after.len().min(4)).unwrap_or_default();
    let after = (0..=after.len())
        .rev()
        .find_map(|end| std::str::from_utf8(after.get(..end)?).ok())
        .and_then(|after| after.chars().next());
    (before, after)
}

/// True when `needle`'s characters appear in order in `haystack`, which is exactly when
/// fuzzy-matcher finds a match. One pass, over bytes when the needle is ASCII (its bytes
/// can only match ASCII characters of the haystack).
pub(super) fn is_subsequence(needle: &str, haystack: &str) -> bool {
    if needle.is_ascii() {
        return is_subsequence_ascii(needle.as_bytes(), haystack.as_bytes());
    }
    let mut wanted = needle.chars().peekable();
    for c in haystack.chars() {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// [`is_subsequence`] for an ASCII needle, in any haystack. memchr jumps from one
/// wanted byte to the next: a long term is seldom spelt in a name, and the search
/// usually stops at its first rare letter, long before a byte-by-byte loop would.
fn is_subsequence_ascii(needle: &[u8], haystack: &[u8]) -> bool {
    let mut from = 0;
    for &wanted in needle {
        let tail = haystack.get(from..).unwrap_or_default();
        match memchr::memchr(wanted, tail) {
            Some(found) => from += found + 1,
            None => return false,
        }
    }
    true
}

/// How many characters wider than `needle` a loose match may be spread.
fn widest(needle_chars: usize) -> usize {
    needle_chars + needle_chars / 4 + 1
}

/// The loose match that still counts: `needle`'s characters in order within a span of
/// `haystack` at most a quarter longer than the needle, plus one. Strewn wider, letters
/// in order are chance: `semi` is in "broad con**s**ultation with th**e** co**m**petent
/// dutch serv**i**ces" and in "sy**s**t**em**at**i**cally", `autumn` in a title about
/// semiconductors and emerging technologies. A letter or two left out still matches:
/// `cooperaton`, `nlannual`. (Spelling on word starts, `nac`, is a tight match.)
pub(super) fn is_close_subsequence(needle: &str, haystack: &str) -> bool {
    if !is_subsequence(needle, haystack) {
        return false;
    }
    let needle: Vec<char> = needle.chars().collect();
    let haystack: Vec<char> = haystack.chars().collect();
    let Some(&first) = needle.first() else {
        return true;
    };
    let widest = widest(needle.len());
    haystack
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == first)
        .any(|(start, _)| {
            let mut wanted = needle.iter().peekable();
            for (offset, c) in haystack.iter().enumerate().skip(start).take(widest) {
                if wanted.peek() == Some(&c) {
                    wanted.next();
                    if wanted.peek().is_none() {
                        return offset - start < widest;
                    }
                }
            }
            false
        })
}

/// [`is_close_subsequence`] when both are ASCII, so characters are bytes.
fn is_close_subsequence_ascii(needle: &[u8], haystack: &[u8]) -> bool {
    let Some(&first) = needle.first() else {
        return true;
    };
    let widest = widest(needle.len());
    memchr::memchr_iter(first, haystack).any(|start| {
        let window = haystack.get(start..).unwrap_or_default();
        let mut wanted = needle;
        for &byte in window.iter().take(widest) {
            if let [next, rest @ ..] = wanted
                && *next == byte
            {
                wanted = rest;
                if wanted.is_empty() {
                    return true;
                }
            }
        }
        false
    })
}

/// True when `term` can be spelt with pieces that each begin a word, as in an acronym:
/// `nac` → **n**l-**a**nnual-**c**onsultation, `annconsult` → **ann**ual **consult**ation.
/// Greedy: each word contributes its longest common prefix with what is left.
pub(super) fn matches_word_starts(text: &str, term: &str) -> bool {
    let mut rest = term;
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = previous.is_none_or(|before| !before.is_alphanumeric());
        previous = Some(c);
        if !starts_word || rest.is_empty() {
            continue;
        }
        let word = text.get(at..).unwrap_or_default();
        let common: usize = word
            .chars()
            .zip(rest.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        rest = rest.get(common..).unwrap_or_default();
    }
    rest.is_empty()
}

/// [`matches_word_starts`] when both are ASCII. A word whose first letter is not the
/// next one wanted adds nothing, so the search jumps (with memchr) from one word start
/// beginning with that letter to the next.
fn matches_word_starts_ascii(text: &[u8], term: &[u8]) -> bool {
    let mut rest = term;
    let mut from = 0;
    while let Some(&wanted) = rest.first() {
        let Some(found) = text
            .get(from..)
            .and_then(|tail| memchr::memchr(wanted, tail))
        else {
            return false;
        };
        let at = from + found;
        from = at + 1;
        let starts_word = at
            .checked_sub(1)
            .and_then(|before| text.get(before))
            .is_none_or(|before| !before.is_ascii_alphanumeric());
        if starts_word {
            let word = text.get(at..).unwrap_or_default();
            let common = word.iter().zip(rest).take_while(|(a, b)| a == b).count();
            rest = rest.get(common..).unwrap_or_default();
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_stay_on_character_boundaries() {
        let text = "éééé édual-use ééé";
        let at = text.find("dual").unwrap_or(0);
        assert_eq!(neighbours(text.as_bytes(), at, 4), (Some('é'), Some('-')));
        assert_eq!(neighbours(b"dual", 0, 4), (None, None));
        assert_eq!(neighbours(b"a dual", 2, 4), (Some(' '), None));
        let text = "日dual한";
        assert_eq!(neighbours(text.as_bytes(), 3, 4), (Some('日'), Some('한')));
        let text = "a\u{1F600}dual\u{1F600}b";
        assert_eq!(
            neighbours(text.as_bytes(), 5, 4),
            (Some('\u{1F600}'), Some('\u{1F600}'))
        );
        // The shortcut for ASCII neighbours agrees with decoding, wherever a match is.
        for text in [
            "a dual-b",
            "dual",
            "é-dual-é",
            "x\ndu\u{1F600}",
            "日d한a",
            "",
        ] {
            let bytes = text.as_bytes();
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&at| text.is_char_boundary(at))
                .collect();
            for &at in &boundaries {
                for &end in boundaries.iter().filter(|&&end| end >= at) {
                    assert_eq!(
                        neighbours(bytes, at, end - at),
                        neighbours_decoded(bytes, at, end - at),
                        "{text:?} at {at}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn loose_matches_must_stay_close() {
        for (needle, haystack, close) in [
            ("cooperaton", "cooperation", true),
            ("nlannual", "nl-annual-consultation", true),
            ("coarm", "coarm", true),
            // Strewn across a title, letters in order are chance.
            (
                "semi",
                "broad consultation with the competent dutch services on civil firearms",
                false,
            ),
            ("dual", "dk-annual-consultation", false),
            ("semi", "more systematically", false),
            ("xyz", "x  y  z", false),
            ("xyz", "x yz", true),
            ("abcdefgh", "axxbcdefgh", true),
            ("ab", "axxbcdefgh", false),
            ("čes", "česko", true),
        ] {
            assert_eq!(
                is_close_subsequence(needle, haystack),
                close,
                "{needle} in {haystack}"
            );
            if needle.is_ascii() && haystack.is_ascii() {
                let ascii = is_close_subsequence_ascii(needle.as_bytes(), haystack.as_bytes());
                assert_eq!(ascii, close, "{needle} in {haystack}, over bytes");
            }
        }
        assert!(is_subsequence(
            "semi",
            "consultation with the competent services"
        ));
        assert!(is_close_subsequence("", "anything"));
    }

    #[test]
    fn word_starts_spell_acronyms_and_prefixes() {
        for (text, term, spelt) in [
            ("nl-annual-consultation", "nac", true),
            ("annual consultation", "annconsult", true),
            ("dk-annual-consultation", "dual", false),
            ("annual", "annual", true),
            ("annual", "annuals", false),
            ("x-yz", "xy", true),
            ("xyz", "xz", false),
            ("česko", "čes", true),
        ] {
            assert_eq!(matches_word_starts(text, term), spelt, "{term} in {text}");
            if text.is_ascii() {
                let ascii = matches_word_starts_ascii(text.as_bytes(), term.as_bytes());
                assert_eq!(ascii, spelt, "{term} in {text}, over bytes");
            }
        }
        assert!(is_subsequence("dual", "dk-annual"));
        assert!(!is_subsequence("xyz", "dk-annual"));
        assert!(is_subsequence("čs", "česko"));
        assert!(!is_subsequence("sč", "česko"));
    }
}
