//! Renders documents and reads them back with poppler, as a reader's viewer would.

mod common;
mod design;
mod hostile;
mod hyphenation;
mod output;
mod tagged;
