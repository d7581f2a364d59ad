// Gives the terminal back if memory runs out: see `dossier::oom`.
#[global_allocator]
static ALLOCATOR: dossier::oom::Allocator = dossier::oom::Allocator;

fn main() -> std::process::ExitCode {
    dossier::oom::return_large_blocks();
    // Before anything can put the terminal in raw mode.
    dossier::oom::save_terminal_state();
    dossier::oom::on_failure(dossier::oom::restore_terminal);
    dossier::cli::main()
}
