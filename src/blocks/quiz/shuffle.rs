//! The order a question's options, items or right-hand sides are shown in. The
//! page is built in a fixed shuffled order that is never the written (answer)
//! order, so that it never gives the answer away, even without JavaScript; the
//! browser shuffles again for each attempt with the same generator
//! (`static/util.js`). `tests/contract/permutations.json` holds cases both sides
//! must reproduce.

/// FNV-1a over UTF-16 code units, as the browser hashes strings.
pub fn hash_string(s: &str) -> u32 {
    let mut h: u32 = 2_166_136_261;
    for unit in s.encode_utf16() {
        h ^= u32::from(unit);
        h = h.wrapping_mul(16_777_619);
    }
    h
}

/// mulberry32: a small seeded generator of numbers in [0, 1).
pub struct Rng(u32);

impl Rng {
    pub fn new(seed: u32) -> Self {
        Rng(seed)
    }

    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

/// A permutation of `0..n` (Fisher–Yates), never the identity when `n >= 2`: an
/// identity result is rotated left by one.
pub fn permutation(n: usize, rng: &mut Rng) -> Vec<usize> {
    let mut v: Vec<usize> = (0..n).collect();
    for k in (1..n).rev() {
        let j = (rng.next_f64() * (k + 1) as f64).floor() as usize;
        v.swap(k, j.min(k));
    }
    if n >= 2 && v.iter().enumerate().all(|(i, &x)| i == x) {
        v.rotate_left(1);
    }
    v
}

/// The build-time display order of a question's `n` choices: seeded by its id, so
/// every build shows the same order.
pub fn for_question(n: usize, id: &str) -> Vec<usize> {
    permutation(n, &mut Rng::new(hash_string(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_never_the_answer_order() {
        for n in 2..8 {
            for seed in ["a", "b", "mod/page#1", "退款"] {
                let v = for_question(n, seed);
                assert_eq!(v, for_question(n, seed));
                assert_ne!(v, (0..n).collect::<Vec<_>>());
                let mut s = v.clone();
                s.sort();
                assert_eq!(s, (0..n).collect::<Vec<_>>());
            }
        }
        assert_eq!(for_question(1, "x"), vec![0]);
    }

    #[test]
    fn hashes_utf16_code_units_as_the_browser_does() {
        // FNV-1a of "a" is 0xe40c292c.
        assert_eq!(hash_string("a"), 0xe40c_292c);
        assert_eq!(hash_string(""), 2_166_136_261);
    }
}
