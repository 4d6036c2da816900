//! Rounding statistics for printing: below both `count` (its rows) and
//! `stats`, which re-exports it.

/// `x` rounded to `decimals` places, as the printed tables show statistics
/// (the values kept in the structs are not rounded).
pub fn round_to(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let r = (x * scale).round() / scale;
    if r.is_finite() {
        r
    } else {
        x
    }
}

/// `x` rounded to 4 significant digits: how p-values are printed (a
/// p-value of 3.2e-12 would read 0 at 4 decimals).
pub fn round_significant(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let magnitude = x.abs().log10().floor() as i32;
    round_to(x, 3 - magnitude)
}
