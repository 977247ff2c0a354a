//! Secrets that let a device in: a phone's, a paired laptop's, the facilitator's token.
//!
//! Made random, and compared in constant time so that how fast a wrong guess is refused
//! does not tell how many of its leading characters were right. One comparison serves the
//! core's secrets and the server's tokens alike.

/// A new secret: 256 random bits as 64 hex characters, plenty against guessing over a
/// room's Wi-Fi.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `given` is `expected`, compared in constant time for their length.
pub fn matches(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_random_hex() {
        let (a, b) = (new_secret(), new_secret());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn only_the_exact_secret_matches() {
        let secret = new_secret();
        assert!(matches(&secret, &secret));
        assert!(!matches(&secret[..63], &secret));
        assert!(!matches("", &secret));
        let mut wrong = secret.clone().into_bytes();
        wrong[63] = if wrong[63] == b'0' { b'1' } else { b'0' };
        assert!(!matches(std::str::from_utf8(&wrong).unwrap(), &secret));
    }
}
