//! Driving the viewer's state without its runtime.

use dossier::search::Narrowing;
use dossier::tui::app::search_in;
use dossier::tui::{App, Effect};

/// Runs the search an update asked for on the spot, as the runtime's worker would,
/// and hands the results back; any other effect is left alone.
pub fn run_search(app: &mut App, effect: Option<Effect>) {
    if let Some(Effect::Search { generation, query }) = effect {
        let done = search_in(
            &app.search_slot(),
            &app.catalog,
            &mut Narrowing::new(),
            generation,
            &query,
        );
        app.update(done);
    }
}
