//! A fast hash for the maps the readers fill per cell.
//!
//! Its own module because the source readers, the budget and the layout finder all key maps by
//! cells' texts or addresses, and none of them should import another for a hasher.

/// A hash of one multiplication per eight bytes (as rustc's FxHasher): texts and addresses of
/// cells are hashed millions of times per import, and SipHash's resistance to chosen keys buys
/// nothing here (it cost 4 % of an import, a byte-wise FNV still 5 % for two words per cell).
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// Hash maps keyed by cells' texts or addresses (see [`FxHasher`]).
pub(super) type Fx = std::hash::BuildHasherDefault<FxHasher>;
