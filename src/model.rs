//! The dossier format, version 1, as Rust types (see `README.md`, "For dossier authors").
//!
//! Every struct refuses unknown fields: a misspelt field must never make data vanish.
//! Optional values are `Option`, and the loader enables ron's `implicit_some` so authors
//! write them bare.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub as_of: Option<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub countries: Vec<Country>,
    #[serde(default)]
    pub forums: Vec<Forum>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub native_name: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub counterparts: Vec<String>,
    #[serde(default)]
    pub forums: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Forum {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    pub title: String,
    pub status: Status,
    #[serde(default)]
    pub timing: Option<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub forums: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub citations: Vec<Citation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub source: String,
    pub quote: String,
    #[serde(default)]
    pub locator: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum Status {
    Intended,
    Planned,
    Ongoing,
    Recurring,
    Done,
    Paused,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Intended,
        Status::Planned,
        Status::Ongoing,
        Status::Recurring,
        Status::Done,
        Status::Paused,
        Status::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Intended => "Intended",
            Status::Planned => "Planned",
            Status::Ongoing => "Ongoing",
            Status::Recurring => "Recurring",
            Status::Done => "Done",
            Status::Paused => "Paused",
            Status::Cancelled => "Cancelled",
        }
    }
}

/// The four kinds of item. They share one id namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Country,
    Forum,
    Action,
    Source,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Forum => "forum",
            Kind::Action => "action",
            Kind::Source => "source",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Country => "countries",
            Kind::Forum => "forums",
            Kind::Action => "actions",
            Kind::Source => "sources",
        }
    }
}

/// A pointer to one item: its kind and its position in that kind's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub kind: Kind,
    pub index: usize,
}
