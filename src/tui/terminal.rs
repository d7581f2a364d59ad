//! The terminal: raw mode and the alternate screen on the way in, everything put back
//! on every way out (a return, a panic, a signal, a suspend), frames drawn whole, and
//! the clipboard by OSC 52.

use std::io::{self, Write};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::widgets::Widget;
use signal_hook::consts::signal::{
    SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGTSTP, SIGUSR1,
    SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};

use super::workers::Event;

/// The viewer's terminal: ratatui over crossterm, writing to standard output.
pub(crate) type Screen = Terminal<CrosstermBackend<io::Stdout>>;

/// Raw mode, the alternate screen, no cursor, pastes as one event, and the mouse unless
/// it is left to the terminal.
pub(crate) fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Raw mode off, main screen back, cursor shown. Errors are ignored: this runs when
/// things are already going wrong, and the terminal may be gone.
pub(crate) fn restore() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal when dropped: on a return and on an unwinding panic alike.
pub(crate) struct RestoreOnDrop;

impl Drop for RestoreOnDrop {
    fn drop(&mut self) {
        restore();
    }
}

/// A panic restores the terminal before its message is printed, so the message is
/// readable and the shell usable.
pub(crate) fn restore_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Ctrl-z and SIGTSTP, as `less` and `vim` do them: give the shell its screen and line
/// mode back, stop, and on `fg` take the terminal again and draw every cell.
pub(crate) fn suspend(screen: &mut Screen, mouse: bool) -> io::Result<()> {
    restore();
    // Stops here until SIGCONT. The handler for SIGTSTP is ours, so the stop itself is
    // the default action, raised on purpose.
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    enter(mouse)?;
    repaint(screen)
}

/// Blanks the screen and forgets the last frame, so that the next draw writes every
/// cell over whatever garbage a noisy line left. ratatui's own `clear` asks the terminal
/// where its cursor is, and the input thread would swallow the reply.
pub(crate) fn repaint(screen: &mut Screen) -> io::Result<()> {
    execute!(screen.backend_mut(), Clear(ClearType::All))?;
    // After a draw the spare buffer is blank and the other holds the frame on screen:
    // one swap blanks that frame too, so the next diff is against an empty screen.
    screen.swap_buffers();
    Ok(())
}

/// One frame, inside synchronized output (`CSI ? 2026 h` … `l`): a terminal that knows it
/// shows the frame whole, never half drawn; others ignore it.
pub(crate) fn draw(screen: &mut Screen, shown: impl Widget) -> io::Result<()> {
    execute!(screen.backend_mut(), BeginSynchronizedUpdate)?;
    screen.draw(|frame| frame.render_widget(shown, frame.area()))?;
    execute!(screen.backend_mut(), EndSynchronizedUpdate)
}

/// Every signal whose default action ends the process and that a program may catch:
/// each restores the terminal and exits 128 + its number. (SIGPIPE is ignored by Rust
/// programs; SIGKILL cannot be caught; the faults SIGSEGV, SIGBUS, SIGILL and SIGFPE
/// come from the program itself, and the panic hook covers what Rust turns into panics.)
const ENDING_SIGNALS: [i32; 13] = [
    SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
    SIGXFSZ, SIGIO, SIGSYS,
];

/// Signals become events of the loop: the ending ones end it (restoring the terminal on
/// the way out), SIGTSTP suspends and SIGCONT repaints.
pub(crate) fn watch_signals(events: std::sync::mpsc::Sender<Event>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(
        ENDING_SIGNALS.iter().chain(&[SIGTSTP, SIGCONT]).copied(),
    )?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            if events.send(Event::Signal(signal)).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Puts `text` on the terminal's clipboard.
pub(crate) fn copy(screen: &mut Screen, text: &str, inside_tmux: bool) -> io::Result<()> {
    let backend = screen.backend_mut();
    backend.write_all(osc52(text, inside_tmux).as_bytes())?;
    backend.flush()
}

/// The terminal's "set the clipboard" sequence (OSC 52) for `text`. Inside tmux it goes
/// twice: plain, which tmux takes (and hands to the outer terminal) when its
/// `set-clipboard` is `on`, and wrapped in tmux's pass-through, which reaches the outer
/// terminal when `allow-passthrough` is `on`. tmux drops whichever it is not set up for.
fn osc52(text: &str, inside_tmux: bool) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let sequence = format!("\x1b]52;c;{encoded}\x07");
    if inside_tmux {
        // Inside the pass-through every ESC is doubled.
        let wrapped = format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"));
        sequence + &wrapped
    } else {
        sequence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tmux_a_copy_goes_plain_and_through_the_pass_through() {
        let plain = osc52("hi", false);
        assert_eq!(plain, "\x1b]52;c;aGk=\x07");
        let tmux = osc52("hi", true);
        assert_eq!(
            tmux,
            format!("{plain}\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\")
        );
    }
}
