//! Publication dates as inputs give them.

use dyad_doc::Date;

/// Parses `YYYY-MM-DD` or `YYYYMMDD`; an ISO date-time (`2005-06-24T10:00:00Z`) gives its date.
/// Returns `None` for anything else, including impossible dates like `2005-02-30`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let b = s.as_bytes();
    let (y, m, d) = if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        (&s[0..4], &s[4..6], &s[6..8])
    } else if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '))
    {
        (&s[0..4], &s[5..7], &s[8..10])
    } else {
        return None;
    };
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let want = Date::new(2005, 6, 24).ok();
        assert_eq!(parse_date("2005-06-24"), want);
        assert_eq!(parse_date("20050624"), want);
        assert_eq!(parse_date(" 2005-06-24T08:30:00Z"), want);
        assert_eq!(parse_date("2005-06-24 08:30"), want);
    }

    #[test]
    fn rejected_forms() {
        for bad in [
            "",
            "2005-6-24",
            "24/06/2005",
            "2005-02-30",
            "20051324",
            "2005-06-24x",
            "yesterday",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
