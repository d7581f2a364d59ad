//! Giving the terminal back when memory runs out.
//!
//! When an allocation fails Rust aborts, and an abort runs no destructor and no panic
//! hook: a viewer that ran out of memory left the terminal in raw mode, on the alternate
//! screen, with the mouse and bracketed paste on. [`Allocator`] passes every call to the
//! system's allocator and, when one fails, first calls the hook registered with
//! [`on_failure`]. [`restore_terminal`] is such a hook: it allocates nothing (there is
//! nothing left to allocate), writes the reset sequences with `write(2)` and puts back
//! the terminal modes [`save_terminal_state`] saved at start.
//!
//! The binary installs it:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: dossier::oom::Allocator = dossier::oom::Allocator;
//! ```
//!
//! (A library cannot: a test crate with an allocator of its own would then have two.)
//!
//! A failure a caller recovers from, such as `Vec::try_reserve` or `read_to_end` saying
//! "out of memory", runs the hook too: the allocator cannot tell. Under memory that tight
//! the next failure is seldom far, and a terminal given back early beats one left broken.
//!
//! The binary also calls [`return_large_blocks`] at start, so that memory freed after
//! loading a large dossier goes back to the system.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::OnceLock;

/// The system's allocator, calling the [`on_failure`] hook before reporting a failure.
#[derive(Debug, Clone, Copy, Default)]
pub struct Allocator;

static HOOK: OnceLock<fn()> = OnceLock::new();

/// The terminal's modes at start, and the descriptor they were read from.
static SAVED: OnceLock<(libc::c_int, libc::termios)> = OnceLock::new();

/// Calls `hook` whenever an allocation fails, just before Rust aborts. The hook must not
/// allocate: anything it allocates fails too. Only the first hook registered counts.
pub fn on_failure(hook: fn()) {
    let _ = HOOK.set(hook);
}

fn failed() {
    // `OnceLock::get` is an atomic load: it allocates nothing.
    if let Some(hook) = HOOK.get() {
        hook();
    }
}

// SAFETY: every call is passed unchanged to the system allocator, whose result is
// returned unchanged; the hook only runs after a call that allocated nothing, and
// `on_failure` requires it not to allocate, so it cannot re-enter the allocator.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees for `layout` are passed on unchanged.
        let pointer = unsafe { System.alloc(layout) };
        if pointer.is_null() {
            failed();
        }
        pointer
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        let pointer = unsafe { System.alloc_zeroed(layout) };
        if pointer.is_null() {
            failed();
        }
        pointer
    }

    unsafe fn realloc(&self, old: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as above; on failure `old` is left allocated, as `realloc` promises.
        let pointer = unsafe { System.realloc(old, layout, new_size) };
        if pointer.is_null() {
            failed();
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(pointer, layout) }
    }
}

/// Keeps glibc's `malloc` from carving large blocks out of its heap. By default, each
/// time a large block goes back to the system glibc raises the size from which blocks
/// do so, up to 32 MiB, to save system calls. Loading a large dossier frees blocks of
/// megabytes (growing lists, the parse's table of strings, validation's maps), so the
/// catalog's and the search index's large buffers were then carved from the heap, and
/// the room they grew out of stayed with the process: 18 MB of the viewer's 100
/// 000-action peak. Fixing the size at glibc's default keeps every large block apart.
/// Returns whether the setting took (always, but where the system's allocator is not
/// glibc's: then there is nothing to set).
pub fn return_large_blocks() -> bool {
    // glibc's default size, from which a block is taken straight from the system.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    const LARGE_BLOCK: libc::c_int = 128 * 1024;
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` takes two integers and no pointer; glibc takes its own lock to
    // change the setting, so it is safe to call at any time, from any thread.
    return unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE_BLOCK) } == 1;
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    true
}

/// Saves the terminal's modes (the line discipline: cooked, echo) for
/// [`restore_terminal`]. Call it at start, before anything puts the terminal in raw
/// mode. Does nothing when no standard stream is a terminal, or when called again.
pub fn save_terminal_state() {
    if SAVED.get().is_some() {
        return;
    }
    for fd in [libc::STDIN_FILENO, libc::STDOUT_FILENO, libc::STDERR_FILENO] {
        let mut modes = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: `isatty` takes any descriptor; `tcgetattr` writes a whole `termios`
        // through a pointer to one, which is only read after it returned success.
        let saved = unsafe {
            (libc::isatty(fd) == 1 && libc::tcgetattr(fd, modes.as_mut_ptr()) == 0)
                .then(|| modes.assume_init())
        };
        if let Some(modes) = saved {
            let _ = SAVED.set((fd, modes));
            return;
        }
    }
}

/// Everything the viewer turns on, turned off: the mouse (each of crossterm's modes),
/// bracketed paste and the alternate screen; then the cursor shown again.
const RESET: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\
\x1b[?2004l\x1b[?1049l\x1b[?25h";

/// Gives the terminal back without allocating: the modes [`save_terminal_state`] saved,
/// and the reset sequences when standard output is a terminal (into a pipe they would
/// be garbage). For [`on_failure`].
pub fn restore_terminal() {
    // SAFETY: `isatty` takes any descriptor.
    if unsafe { libc::isatty(libc::STDOUT_FILENO) } == 1 {
        write_all(libc::STDOUT_FILENO, RESET);
    }
    if let Some((fd, modes)) = SAVED.get() {
        // SAFETY: `modes` is a whole `termios` that `tcgetattr` filled, in a static that
        // lives as long as the process; `tcsetattr` only reads it.
        unsafe {
            libc::tcsetattr(*fd, libc::TCSANOW, modes);
        }
    }
}

/// `write(2)` until all of `bytes` is written or the descriptor refuses.
fn write_all(fd: libc::c_int, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: the pointer and length describe `bytes`, a live slice.
        let written = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        match usize::try_from(written) {
            Ok(0) => return,
            Ok(written) => bytes = bytes.get(written..).unwrap_or_default(),
            Err(_) if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {
            }
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_allocator_takes_the_large_block_setting() {
        assert!(super::return_large_blocks());
    }
}
