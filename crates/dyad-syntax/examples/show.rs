use dyad_syntax::{testing, Analyzer};
/// Prints the analysis of one sentence given as arguments (tokens separated by spaces):
/// `cargo run -p dyad-syntax --example show -- Russia agreed to hold talks .`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let s = if args.is_empty() {
        "Russia agreed to hold talks with NATO .".to_string()
    } else {
        args.join(" ")
    };
    let doc = testing::doc(&s);
    let sx = Analyzer::shipped().analyze(&doc, 0);
    for i in 0..sx.len() as u32 {
        print!(
            "{}/{}/{} ",
            sx.text(
                &doc,
                dyad_doc::IndexRange {
                    start: i,
                    end: i + 1
                }
            ),
            sx.tag(i).map(|t| t.as_str()).unwrap_or("?"),
            sx.lemma(i)
        );
    }
    println!();
    println!(
        "{:#?}",
        sx.noun_groups
            .iter()
            .map(|g| (
                sx.text(&doc, g.tokens),
                g.kind,
                g.part_of,
                g.appositive_of,
                sx.text(&doc, g.extent)
            ))
            .collect::<Vec<_>>()
    );
    for v in &sx.verb_groups {
        let ng = |g: Option<u32>| {
            g.map(|g| sx.text(&doc, sx.noun_groups[g as usize].extent).to_string())
        };
        println!("VG {:?} head={} form={:?} tense={:?} voice={:?} subj={:?} ({:?}) obj={:?} agent={:?} compl_of={:?} coord={:?} clause={}", sx.text(&doc, v.tokens), sx.lemma(v.head), v.form, v.tense, v.voice, ng(v.subject), v.subject_source, ng(v.object), ng(v.agent), v.complement_of, v.coordinated_with, v.clause);
    }
    for p in &sx.prep_groups {
        println!("PP {:?} {:?}", sx.text(&doc, p.tokens), p.attach);
    }
    for c in &sx.clauses {
        println!(
            "CL {:?} {:?} parent={:?} ante={:?} rep={:?}",
            c.kind,
            sx.text(&doc, c.tokens),
            c.parent,
            c.antecedent,
            c.reporting_verb
        );
    }
}
