#![no_main]
//! See fuzz/README.md and annals_fuzz::check_layout for the invariants checked.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| annals_fuzz::check_layout(data));
