//! No input makes a reader or a matcher panic: random lines built from the formats' own
//! special characters, in both formats and every kind.

use dyad_dict::{Dictionary, Format, Kind};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "A",
    "B",
    "PUTIN",
    "é",
    "—",
    "_",
    "+",
    "-",
    "---",
    "*",
    "&",
    "&X",
    "$",
    "%",
    "^",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "[CODE]",
    "[~GOV]",
    "[NGO~]",
    "[042]",
    "[:173]",
    "[A 990101-000101]",
    "[B <20100101]",
    "[C >1",
    "!P!",
    "!P! = MAN, MEN",
    "~",
    "~~",
    "=",
    "#",
    ";",
    "\t",
    " ",
    "  ",
    "n:",
    "v:",
    "<ISSUE CATEGORY=\"X\">",
    "</ISSUE>",
    "<!--",
    "-->",
    "..",
    "2001-02-03",
    "2001-02-30..",
    "category",
    "ignore:",
    "=>",
    "end category",
    "\u{1a}",
    "'s",
    "0",
];

fn random_text(rng: &mut Rng, lines: usize) -> String {
    let mut text = String::new();
    for _ in 0..lines {
        let n = rng.next() % 9;
        for _ in 0..n {
            text.push_str(rng.pick(PIECES));
        }
        text.push('\n');
    }
    text
}

#[test]
fn readers_and_matchers_never_panic() {
    let kinds = [
        Kind::Actors,
        Kind::Agents,
        Kind::Verbs,
        Kind::Discards,
        Kind::Issues,
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..200 {
        for format in [Format::Petrarch, Format::Own] {
            let mut dict = Dictionary::default();
            for kind in kinds {
                let text = random_text(&mut rng, 40);
                dict.read_text(format, kind, &format!("r{round}"), &text);
            }
            // Whatever was read compiles, matches and writes back without a panic.
            let tokens: Vec<&str> = (0..20).map(|_| rng.pick(PIECES)).collect();
            let m = dict.matchers();
            m.find_actors(&tokens);
            m.find_agents(&tokens);
            m.find_issues(&tokens);
            m.find_discards(&tokens);
            m.find_verbs(&tokens);
            m.find_discards_in_text(&tokens.concat());
            for kind in kinds {
                dyad_dict::export::write(kind, &dict.entries);
                dyad_dict::own::write(kind, &dict.entries);
            }
            for p in &dict.problems {
                assert!(p.line >= 1 && !p.message.is_empty(), "{p}");
            }
        }
    }
}
