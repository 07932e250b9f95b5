//! Groups, clauses and roles from tags and lemmas. Every pass is a left-to-right scan with
//! bounded look-around, so the whole is linear in the sentence length.

use dyad_doc::IndexRange;

use crate::analyzer::Classes;
use crate::model::{
    Attachment, Clause, ClauseKind, Coordination, NounGroup, NounGroupKind, PrepGroup,
    SentenceSyntax, SubjectSource, Tense, VerbForm, VerbGroup, Voice,
};
use crate::Tag;

const NONE: u32 = u32::MAX;

/// How far (in tokens or groups) a look-back may go: keeps analysis linear on pathological
/// input while covering any real sentence's subject distance.
const MAX_LOOK: usize = 120;

fn range(start: usize, end: usize) -> IndexRange {
    IndexRange {
        start: start as u32,
        end: end as u32,
    }
}

/// Fills groups, clauses and roles of `out` (whose tokens are tagged and lemmatised).
pub(crate) fn build(out: &mut SentenceSyntax, lower: &[&str], cl: &Classes) {
    let tags: Vec<Tag> = out.tokens.iter().map(|t| t.tag).collect();
    let n = tags.len();
    let lemma = |i: usize| -> &str { out.lemma(i as u32) };
    let lemmas: Vec<&str> = (0..n).map(lemma).collect();
    let mut s = Builder {
        tags: &tags,
        lower,
        lemmas: &lemmas,
        cl,
        ng_at: vec![NONE; n],
        vg_at: vec![NONE; n],
        noun_groups: Vec::new(),
        verb_groups: Vec::new(),
        prep_groups: Vec::new(),
        clauses: Vec::new(),
        possessor: Vec::new(),
        pp_object: Vec::new(),
        finite_prefix: Vec::new(),
        next_finite: Vec::new(),
        next_comma: Vec::new(),
        pp_ending: vec![NONE; n + 1],
        reported_start: vec![false; n + 1],
    };
    s.noun_groups_pass();
    s.verb_groups_pass();
    s.index_pass();
    s.prep_groups_pass();
    s.coordination_pass();
    s.apposition_pass();
    s.attachment_pass();
    s.clauses_pass();
    s.roles_pass();
    let Builder {
        noun_groups,
        verb_groups,
        prep_groups,
        clauses,
        ..
    } = s;
    out.noun_groups = noun_groups;
    out.verb_groups = verb_groups;
    out.prep_groups = prep_groups;
    out.clauses = clauses;
}

struct Builder<'a> {
    tags: &'a [Tag],
    lower: &'a [&'a str],
    lemmas: &'a [&'a str],
    cl: &'a Classes,
    /// Token → simple noun group containing it.
    ng_at: Vec<u32>,
    /// Token → verb group containing it.
    vg_at: Vec<u32>,
    noun_groups: Vec<NounGroup>,
    verb_groups: Vec<VerbGroup>,
    prep_groups: Vec<PrepGroup>,
    clauses: Vec<Clause>,
    /// Per noun group: it ends with a possessive (`Russia 's`).
    possessor: Vec<bool>,
    /// Per noun group: it is the object of a preposition.
    pp_object: Vec<bool>,
    /// Per token: a finite verb group occurs before it since the last `:`/`.` boundary.
    finite_prefix: Vec<bool>,
    /// Per token: the first token at or after it that starts a finite verb group (`n` if none).
    next_finite: Vec<u32>,
    /// Per token: the next comma, colon or closing bracket at or after it (`n` if none).
    next_comma: Vec<u32>,
    /// Per token: the prepositional group ending just before it (exclusive end), if any.
    pp_ending: Vec<u32>,
    /// Per token: a reported clause starts here.
    reported_start: Vec<bool>,
}

fn nounish(t: Tag) -> bool {
    t.is_noun()
}

impl<'a> Builder<'a> {
    fn tag(&self, i: usize) -> Option<Tag> {
        self.tags.get(i).copied()
    }

    fn is_aux_lemma(&self, i: usize) -> bool {
        matches!(self.lemmas[i], "be" | "have" | "do")
    }

    /// Can token `i` continue a noun group's pre-head material?
    fn premodifier(&self, i: usize, group_start: usize) -> bool {
        let Some(t) = self.tag(i) else { return false };
        match t {
            Tag::JJ | Tag::JJR | Tag::JJS | Tag::CD | Tag::Dollar | Tag::Hash => true,
            t if nounish(t) => true,
            // "the proposed plan", "a growing threat": a participle between a determiner or
            // adjective and a noun.
            Tag::VBN | Tag::VBG => i > group_start && self.head_follows(i + 1),
            // "a very large force": an adverb modifying an adjective inside the group.
            Tag::RB | Tag::RBR | Tag::RBS => {
                i > group_start
                    && self.tag(i + 1).is_some_and(|t| t.is_adjective())
                    && self.head_follows(i + 2)
            }
            _ => false,
        }
    }

    /// Does a noun come at `i` after only adjectives/participles/numbers?
    fn head_follows(&self, mut i: usize) -> bool {
        for _ in 0..6 {
            match self.tag(i) {
                Some(t) if nounish(t) => return true,
                Some(Tag::JJ | Tag::JJR | Tag::JJS | Tag::VBN | Tag::VBG | Tag::CD) => i += 1,
                _ => return false,
            }
        }
        false
    }

    fn push_ng(&mut self, start: usize, end: usize, head: usize, kind: NounGroupKind) -> u32 {
        let g = self.noun_groups.len() as u32;
        self.noun_groups.push(NounGroup {
            tokens: range(start, end),
            head: head as u32,
            kind,
            coordination: None,
            part_of: None,
            apposition: None,
            appositive_of: None,
            extent: range(start, end),
            clause: 0,
        });
        self.possessor.push(false);
        self.pp_object.push(false);
        for k in start..end {
            self.ng_at[k] = g;
        }
        g
    }

    fn noun_groups_pass(&mut self) {
        let n = self.tags.len();
        let mut i = 0;
        while i < n {
            let t = self.tags[i];
            if t == Tag::PRP {
                self.push_ng(i, i + 1, i, NounGroupKind::Pronoun);
                i += 1;
                continue;
            }
            let starts = matches!(t, Tag::PDT | Tag::DT | Tag::PRPS | Tag::WPS)
                || self.premodifier(i, i)
                    && !matches!(t, Tag::VBN | Tag::VBG | Tag::RB | Tag::RBR | Tag::RBS);
            if !starts {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i;
            // Determiners.
            while j < n && matches!(self.tags[j], Tag::PDT | Tag::DT | Tag::PRPS | Tag::WPS) {
                j += 1;
                if j - start > 2 {
                    break;
                }
            }
            let mut modifiers: Vec<IndexRange> = Vec::new();
            let mut last_noun = None;
            while j < n {
                if self.premodifier(j, start) {
                    if nounish(self.tags[j]) {
                        last_noun = Some(j);
                    }
                    j += 1;
                    continue;
                }
                // "Hungarian and Romanian officials": adjectives coordinated before one head.
                if self.tags[j] == Tag::CC
                    && j > start
                    && self.tags[j - 1].is_adjective()
                    && self.tag(j + 1).is_some_and(|t| t.is_adjective())
                    && self.head_follows(j + 1)
                {
                    if modifiers.is_empty() {
                        let mut m = j - 1;
                        while m > start && self.tags[m - 1].is_adjective() {
                            m -= 1;
                        }
                        modifiers.push(range(m, j));
                    }
                    let m0 = j + 1;
                    let mut m1 = m0;
                    while m1 < n && self.tags[m1].is_adjective() && !self.head_follows(m1 + 1)
                        || (m1 < n && self.tags[m1].is_adjective() && m1 == m0)
                    {
                        m1 += 1;
                    }
                    modifiers.push(range(m0, m1));
                    j = m1;
                    continue;
                }
                break;
            }
            // A possessive ends this group; the possessed group starts after it.
            let possessive = j < n && self.tags[j] == Tag::POS && last_noun == Some(j - 1);
            let end = if possessive { j + 1 } else { j };
            if end == start {
                i += 1;
                continue;
            }
            let (head, kind) = match last_noun {
                Some(h) if self.tags[h].is_proper() => (h, NounGroupKind::Proper),
                Some(h) => (h, NounGroupKind::Common),
                None => {
                    let last = j.saturating_sub(1).max(start);
                    match self.tags[last] {
                        Tag::CD => (last, NounGroupKind::Number),
                        Tag::DT if last == start => (last, NounGroupKind::Pronoun),
                        // "the poor", "the wounded": an adjective after a determiner.
                        t if t.is_adjective() && self.tags[start] == Tag::DT => {
                            (last, NounGroupKind::Common)
                        }
                        _ => {
                            i = j.max(i + 1);
                            continue;
                        }
                    }
                }
            };
            // A determiner alone before a relative pronoun or verb is a pronoun ("those who").
            let g = self.push_ng(start, end, head, kind);
            if possessive {
                self.possessor[g as usize] = true;
            }
            if modifiers.len() > 1 {
                let ng = &mut self.noun_groups[g as usize];
                ng.kind = NounGroupKind::Compound;
                ng.coordination = Some(Coordination::Modifiers(modifiers));
            }
            i = end;
        }
    }

    fn verb_groups_pass(&mut self) {
        let n = self.tags.len();
        let mut i = 0;
        while i < n {
            let t = self.tags[i];
            let to_inf = t == Tag::TO && self.next_verb(i + 1).is_some();
            let starts = self.ng_at[i] == NONE && (t.is_verb() || t == Tag::MD || to_inf);
            if !starts {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i;
            let mut aux = Vec::new();
            let mut modal = None;
            let mut negation = None;
            let mut head = None;
            while j < n && head.is_none() {
                let t = self.tags[j];
                if t == Tag::TO && j == start {
                    aux.push(j as u32);
                } else if t == Tag::MD && aux.is_empty() && modal.is_none() {
                    modal = Some(j as u32);
                } else if t.is_verb() && self.ng_at[j] == NONE {
                    if self.is_aux_lemma(j) && self.next_verb(j + 1).is_some() {
                        aux.push(j as u32);
                    } else {
                        head = Some(j);
                    }
                } else if t.is_adverb() && j > start && self.next_verb(j).is_some() {
                    if matches!(self.lemmas[j], "not" | "never") && negation.is_none() {
                        negation = Some(j as u32);
                    }
                } else {
                    break;
                }
                j += 1;
            }
            let head = match head {
                Some(h) => h,
                // A copula or auxiliary used as the main verb ("is a partner", "has troops").
                None => match aux.iter().rposition(|&a| self.tags[a as usize].is_verb()) {
                    Some(p) => aux.remove(p) as usize,
                    None => match modal {
                        Some(m) => m as usize,
                        None => {
                            i = j.max(i + 1);
                            continue;
                        }
                    },
                },
            };
            let mut end = (head + 1).max(j.min(n));
            if end > head + 1 {
                end = head + 1;
            }
            let mut particle = None;
            if self.tag(end) == Some(Tag::RP) {
                particle = Some(end as u32);
                end += 1;
            }
            let first = start;
            let ft = self.tags[first];
            let form = match ft {
                Tag::TO => VerbForm::Infinitive,
                Tag::VBD | Tag::VBZ | Tag::VBP | Tag::MD => VerbForm::Finite,
                Tag::VBG => VerbForm::Gerund,
                Tag::VBN => VerbForm::Participle,
                _ => VerbForm::Bare,
            };
            let tense = if let Some(m) = modal {
                if self.cl.future_modals.contains(self.lemmas[m as usize]) {
                    Tense::Future
                } else {
                    Tense::Modal
                }
            } else {
                match ft {
                    Tag::VBD => Tense::Past,
                    Tag::VBZ | Tag::VBP => Tense::Present,
                    _ => Tense::None,
                }
            };
            let head_tag = self.tags[head];
            let has = |l: &str| aux.iter().any(|&a| self.lemmas[a as usize] == l);
            let perfect = has("have")
                && aux
                    .iter()
                    .position(|&a| self.lemmas[a as usize] == "have")
                    .and_then(|p| {
                        aux.get(p + 1)
                            .map(|&x| self.tags[x as usize])
                            .or(Some(head_tag))
                    })
                    == Some(Tag::VBN);
            let passive_aux = head_tag == Tag::VBN
                && aux
                    .last()
                    .is_some_and(|&a| matches!(self.lemmas[a as usize], "be" | "get"));
            let voice = if passive_aux || form == VerbForm::Participle {
                Voice::Passive
            } else {
                Voice::Active
            };
            let progressive = head_tag == Tag::VBG
                && aux.last().is_some_and(|&a| self.lemmas[a as usize] == "be");
            let v = self.verb_groups.len() as u32;
            for k in start..end {
                self.vg_at[k] = v;
            }
            self.verb_groups.push(VerbGroup {
                tokens: range(start, end),
                head: head as u32,
                auxiliaries: aux,
                modal,
                negation,
                tense,
                perfect,
                progressive,
                voice,
                form,
                particle,
                complement_of: None,
                complement: None,
                coordinated_with: None,
                subject: None,
                subject_source: SubjectSource::Direct,
                agent: None,
                object: None,
                second_object: None,
                preps: Vec::new(),
                clause: 0,
            });
            i = end;
        }
    }

    /// The first verb at or after `i`, skipping adverbs (bounded look-ahead).
    fn next_verb(&self, mut i: usize) -> Option<usize> {
        for _ in 0..4 {
            match self.tag(i) {
                Some(t) if t.is_verb() => return Some(i),
                Some(t) if t.is_adverb() => i += 1,
                _ => return None,
            }
        }
        None
    }

    /// The outermost group of the simple group at token `i`.
    fn outer_at(&self, i: usize) -> Option<u32> {
        let g = *self.ng_at.get(i)?;
        (g != NONE).then(|| self.outermost(g))
    }

    fn outermost(&self, mut g: u32) -> u32 {
        for _ in 0..8 {
            match self.noun_groups.get(g as usize).and_then(|n| n.part_of) {
                Some(p) => g = p,
                None => break,
            }
        }
        g
    }

    fn prep_groups_pass(&mut self) {
        let n = self.tags.len();
        let mut i = 0;
        while i < n {
            let t = self.tags[i];
            if !matches!(t, Tag::IN | Tag::TO) || self.vg_at[i] != NONE {
                i += 1;
                continue;
            }
            // Multi-word prepositions ("according to", "in front of").
            let mut plen = 1;
            for p in &self.cl.multi_preps {
                if p.len() > plen
                    && i + p.len() <= n
                    && p.iter().zip(&self.lower[i..]).all(|(a, b)| **a == **b)
                {
                    plen = p.len();
                }
            }
            let mut k = i + plen;
            // "from more than 30 countries": skip a quantity adverb before the object.
            while k < n && self.tags[k].is_adverb() && k < i + plen + 2 {
                k += 1;
            }
            let Some(_obj) = self.outer_at(k).filter(|&g| {
                self.noun_groups[g as usize].tokens.start as usize == k
                    || self.noun_groups[self.ng_at[k] as usize].tokens.start as usize == k
            }) else {
                i += 1;
                continue;
            };
            // A subordinator followed by a clause is not a preposition ("after Russia agreed").
            let obj_end = self.noun_groups[self.ng_at[k] as usize].tokens.end as usize;
            // Complementisers ("that", "whether") never head prepositional groups; a
            // subordinator does not when a finite verb follows its group before a comma.
            let complementizer = self.cl.complementizers.contains(self.lower[i]);
            let clause_follows = self.next_finite.get(obj_end).is_some_and(|&f| {
                (f as usize) < self.next_comma.get(obj_end).map_or(n, |&c| c as usize)
                    && (f as usize) < obj_end + 8
            });
            if complementizer || (self.cl.subordinators.contains(self.lower[i]) && clause_follows) {
                i += 1;
                continue;
            }
            self.pp_object[self.ng_at[k] as usize] = true;
            if let Some(x) = self.pp_ending.get_mut(obj_end) {
                *x = self.prep_groups.len() as u32;
            }
            let word = self.lower[i..i + plen].join(" ");
            self.prep_groups.push(PrepGroup {
                prep: range(i, i + plen),
                word,
                object: Some(self.ng_at[k]),
                tokens: range(i, obj_end),
                attach: Attachment::None,
            });
            i += plen;
        }
    }

    fn is_finite_vg_at(&self, i: usize) -> bool {
        let v = self.vg_at.get(i).copied().unwrap_or(NONE);
        v != NONE && self.verb_groups[v as usize].form == VerbForm::Finite
    }

    /// Is there a finite verb group between the last hard boundary and token `i`?
    fn finite_before(&self, i: usize) -> bool {
        self.finite_prefix.get(i).copied().unwrap_or(false)
    }

    /// Look-up arrays that keep the later passes linear.
    fn index_pass(&mut self) {
        let n = self.tags.len();
        self.finite_prefix = vec![false; n + 1];
        let mut seen = false;
        for k in 0..n {
            self.finite_prefix[k] = seen;
            if matches!(self.tags[k], Tag::Colon | Tag::Period) {
                seen = false;
            } else if self.is_finite_vg_at(k) {
                seen = true;
            }
        }
        self.finite_prefix[n] = seen;
        self.next_finite = vec![n as u32; n + 1];
        self.next_comma = vec![n as u32; n + 1];
        for k in (0..n).rev() {
            let starts_finite = self.is_finite_vg_at(k)
                && self.verb_groups[self.vg_at[k] as usize].tokens.start as usize == k;
            self.next_finite[k] = if starts_finite {
                k as u32
            } else {
                self.next_finite[k + 1]
            };
            self.next_comma[k] = if matches!(self.tags[k], Tag::Comma | Tag::Colon | Tag::RRB) {
                k as u32
            } else {
                self.next_comma[k + 1]
            };
        }
    }

    fn coordination_pass(&mut self) {
        let n = self.tags.len();
        let simple = self.noun_groups.len();
        let mut g = 0;
        while g < simple {
            if self.noun_groups[g].part_of.is_some() || self.possessor[g] {
                g += 1;
                continue;
            }
            // Collect a list "A , B , and C" / "A and B" of adjacent groups.
            let mut members = vec![g as u32];
            let mut end = self.noun_groups[g].tokens.end as usize;
            let mut saw_cc = false;
            loop {
                let mut k = end;
                let mut comma = false;
                if k < n && self.tags[k] == Tag::Comma {
                    comma = true;
                    k += 1;
                }
                let cc = k < n && self.tags[k] == Tag::CC;
                if cc {
                    k += 1;
                }
                if !(comma || cc) || saw_cc {
                    break;
                }
                let Some(next) = self.ng_at.get(k).copied().filter(|&x| x != NONE) else {
                    break;
                };
                let ng = &self.noun_groups[next as usize];
                if ng.tokens.start as usize != k || self.possessor[next as usize] {
                    break;
                }
                // A comma alone continues a list only if a conjunction closes it later.
                if comma && !cc {
                    // Follow "A , B , C and D" along its commas (bounded) to the conjunction.
                    let mut ahead = ng.tokens.end as usize;
                    let mut closes = false;
                    for _ in 0..12 {
                        if ahead < n && self.tags[ahead] == Tag::CC {
                            closes = true;
                            break;
                        }
                        if ahead + 1 < n
                            && self.tags[ahead] == Tag::Comma
                            && self.tags[ahead + 1] == Tag::CC
                        {
                            closes = true;
                            break;
                        }
                        if ahead < n && self.tags[ahead] == Tag::Comma {
                            match self.ng_at.get(ahead + 1).copied().filter(|&x| x != NONE) {
                                Some(x)
                                    if self.noun_groups[x as usize].tokens.start as usize
                                        == ahead + 1 =>
                                {
                                    ahead = self.noun_groups[x as usize].tokens.end as usize;
                                    continue;
                                }
                                _ => break,
                            }
                        }
                        break;
                    }
                    if !closes {
                        break;
                    }
                }
                members.push(next);
                end = ng.tokens.end as usize;
                saw_cc |= cc;
            }
            if members.len() < 2 || !saw_cc {
                g += 1;
                continue;
            }
            // Clausal coordination: "X attacked Y and Z condemned it".
            let first_start = self.noun_groups[g].tokens.start as usize;
            if self.is_finite_vg_at(end) && self.finite_before(first_start) {
                g += 1;
                continue;
            }
            let c = self.noun_groups.len() as u32;
            let head = self.noun_groups[g].head;
            for &m in &members {
                self.noun_groups[m as usize].part_of = Some(c);
            }
            let last = *members.last().unwrap_or(&(g as u32));
            self.noun_groups.push(NounGroup {
                tokens: range(first_start, end),
                head,
                kind: NounGroupKind::Compound,
                coordination: Some(Coordination::Groups(members)),
                part_of: None,
                apposition: None,
                appositive_of: None,
                extent: range(first_start, end),
                clause: 0,
            });
            self.possessor.push(false);
            self.pp_object.push(self.pp_object[g]);
            g = last as usize + 1;
        }
    }

    fn apposition_pass(&mut self) {
        let n = self.tags.len();
        for g in 0..self.noun_groups.len() {
            let ng = &self.noun_groups[g];
            if ng.part_of.is_some() || self.possessor[g] || ng.kind == NounGroupKind::Pronoun {
                continue;
            }
            let end = ng.tokens.end as usize;
            if self.tag(end) != Some(Tag::Comma) {
                continue;
            }
            let Some(a) = self.outer_at(end + 1) else {
                continue;
            };
            let app = &self.noun_groups[a as usize];
            if app.tokens.start as usize != end + 1 || app.kind == NounGroupKind::Pronoun {
                continue;
            }
            // The appositive runs through its "of" phrases; it must then close (comma, end,
            // bracket) and not be followed by a verb (that would make it a new clause or list).
            let mut k = app.tokens.end as usize;
            // Any preposition chain: "the director of the Institute for Political Studies".
            while k < n && self.tags[k] == Tag::IN && !self.cl.subordinators.contains(self.lower[k])
            {
                match self.outer_at(k + 1) {
                    Some(o) => k = self.noun_groups[o as usize].tokens.end as usize,
                    None => break,
                }
            }
            let closes = k >= n
                || matches!(
                    self.tags[k],
                    Tag::Comma | Tag::Period | Tag::RRB | Tag::Colon
                );
            let list = k < n
                && self.tags[k] == Tag::Comma
                && (self.tag(k + 1) == Some(Tag::CC)
                    || self.outer_at(k + 1).is_some_and(|o| {
                        let e = self.noun_groups[o as usize].tokens.end as usize;
                        self.tag(e) == Some(Tag::CC)
                    }));
            let proper_pair = ng.kind == NounGroupKind::Proper || app.kind == NounGroupKind::Proper;
            if !closes || list || !proper_pair || self.tags[k.min(n - 1)] == Tag::CC {
                continue;
            }
            if self.tag(k) == Some(Tag::Comma) && self.tag(k + 1) == Some(Tag::CC) {
                continue;
            }
            self.noun_groups[g].apposition = Some(a);
            self.noun_groups[a as usize].appositive_of = Some(g as u32);
        }
    }

    fn attachment_pass(&mut self) {
        for p in 0..self.prep_groups.len() {
            let start = self.prep_groups[p].prep.start as usize;
            let before = start.checked_sub(1);
            let g = before.and_then(|b| self.outer_at(b)).or_else(|| {
                // "the director of the Institute for Studies": the preceding PP's object.
                before.and_then(|b| {
                    let q = *self.pp_ending.get(b + 1)?;
                    (q != NONE && (q as usize) < p)
                        .then(|| self.prep_groups[q as usize].object)
                        .flatten()
                })
            });
            let g = g.filter(|&g| {
                before.is_some_and(|b| self.noun_groups[g as usize].tokens.end as usize == b + 1)
            });
            // The last verb group before the preposition, not beyond a clause boundary.
            let mut v = None;
            let mut k = start;
            // Bounded look-back keeps this linear on very long verbless stretches.
            let floor = start.saturating_sub(MAX_LOOK);
            while k > floor {
                k -= 1;
                if matches!(self.tags[k], Tag::Period | Tag::Colon)
                    || self.cl.relative.contains(self.lower[k])
                        && matches!(self.tags[k], Tag::WDT | Tag::WP)
                {
                    break;
                }
                if self.vg_at[k] != NONE {
                    v = Some(self.vg_at[k]);
                    break;
                }
            }
            let word = self.prep_groups[p].word.as_str();
            let attach = match (g, v) {
                (Some(g), _) if self.cl.noun_preps.contains(word) => Attachment::Noun(g),
                (Some(g), Some(v))
                    if self.noun_groups[g as usize].tokens.start
                        < self.verb_groups[v as usize].tokens.start =>
                {
                    Attachment::Noun(g)
                }
                (Some(g), None) => Attachment::Noun(g),
                (_, Some(v)) => Attachment::Verb(v),
                (None, None) => Attachment::None,
            };
            self.prep_groups[p].attach = attach;
        }
        // Extents: a noun group spans its attached prepositional groups (right to left so
        // chains accumulate) and its apposition.
        for p in (0..self.prep_groups.len()).rev() {
            if let (Attachment::Noun(g), Some(o)) =
                (self.prep_groups[p].attach, self.prep_groups[p].object)
            {
                let o = self.outermost(o);
                let end = self.noun_groups[o as usize].extent.end;
                let ext = &mut self.noun_groups[g as usize].extent;
                ext.end = ext.end.max(end);
            }
        }
        for g in 0..self.noun_groups.len() {
            if let Some(a) = self.noun_groups[g].apposition {
                let end = self.noun_groups[a as usize].extent.end;
                let ext = &mut self.noun_groups[g].extent;
                ext.end = ext.end.max(end);
            }
        }
        // A possessed group's extent starts at its possessor ("Ithilen 's militia").
        for g in 0..self.noun_groups.len() {
            let start = self.noun_groups[g].tokens.start as usize;
            if let Some(p) = start
                .checked_sub(1)
                .map(|b| self.ng_at[b])
                .filter(|&p| p != NONE)
            {
                if self.possessor[p as usize] && p as usize != g {
                    let ps = self.noun_groups[p as usize].extent.start;
                    let ext = &mut self.noun_groups[g].extent;
                    ext.start = ext.start.min(ps);
                }
            }
        }
        // A compound spans its members' extents.
        for g in 0..self.noun_groups.len() {
            if let Some(Coordination::Groups(m)) = &self.noun_groups[g].coordination {
                let end = m
                    .iter()
                    .map(|&x| self.noun_groups[x as usize].extent.end)
                    .max()
                    .unwrap_or(0);
                let ext = &mut self.noun_groups[g].extent;
                ext.end = ext.end.max(end);
            }
        }
    }

    fn push_clause(
        &mut self,
        kind: ClauseKind,
        start: usize,
        end: usize,
        marker: Option<usize>,
    ) -> u32 {
        let c = self.clauses.len() as u32;
        self.clauses.push(Clause {
            kind,
            tokens: range(start, end),
            parent: None,
            marker: marker.map(|m| m as u32),
            verbs: Vec::new(),
            antecedent: None,
            reporting_verb: None,
        });
        c
    }

    /// The end of a clause opened at `start`: the next comma when it was opened by a comma (or
    /// at the sentence start), else the end of the sentence (final punctuation excluded).
    fn clause_end(&self, start: usize, comma_bound: bool) -> usize {
        let n = self.tags.len();
        let mut end = n;
        while end > start && matches!(self.tags[end - 1], Tag::Period | Tag::RQuote) {
            end -= 1;
        }
        if comma_bound {
            let c = self.next_comma.get(start).map_or(end, |&c| c as usize);
            return c.min(end);
        }
        end
    }

    fn clauses_pass(&mut self) {
        let n = self.tags.len();
        self.push_clause(ClauseKind::Main, 0, n, None);
        // Brackets and quotes.
        let mut open_paren: Vec<usize> = Vec::new();
        let mut open_quote: Option<usize> = None;
        for i in 0..n {
            match self.tags[i] {
                Tag::LRB => open_paren.push(i),
                Tag::RRB => {
                    if let Some(o) = open_paren.pop() {
                        self.push_clause(ClauseKind::Parenthetical, o, i + 1, None);
                    }
                }
                Tag::LQuote => open_quote = Some(i),
                Tag::RQuote => {
                    if let Some(o) = open_quote.take() {
                        if i > o + 1 {
                            self.push_clause(ClauseKind::Quote, o, i + 1, None);
                        }
                    }
                }
                _ => {}
            }
        }
        // Per end token: the widest top-level, non-prepositional group whose extent ends there.
        let mut widest_ending = vec![NONE; n + 1];
        for (g, ng) in self.noun_groups.iter().enumerate() {
            if ng.part_of.is_some() || self.pp_object[g] {
                continue;
            }
            let e = ng.extent.end as usize;
            let cur = widest_ending[e];
            if cur == NONE || self.noun_groups[cur as usize].extent.start > ng.extent.start {
                widest_ending[e] = g as u32;
            }
        }
        // Subordinate, relative and reported clauses.
        for i in 0..n {
            let w = self.lower[i];
            let t = self.tags[i];
            if matches!(t, Tag::WDT | Tag::WP | Tag::WPS) && self.cl.relative.contains(w) && i > 0 {
                let b = if self.tags[i - 1] == Tag::Comma {
                    i - 1
                } else {
                    i
                };
                // The antecedent: the widest group whose extent ends at the pronoun ("the
                // director of the Institute, who"), else the group just before it.
                let widest = widest_ending.get(b).copied().filter(|&g| g != NONE);
                let ante = widest.or_else(|| b.checked_sub(1).and_then(|k| self.outer_at(k)));
                if let Some(a) = ante {
                    let mut end = self.clause_end(i, b < i);
                    // A restrictive relative clause on a subject ends before the main verb:
                    // "The rebels who attacked the convoy | fled": the second finite verb
                    // group after the pronoun, when no finite verb came before the antecedent.
                    let ante_start = self.noun_groups[a as usize].extent.start as usize;
                    if !self.finite_before(ante_start) {
                        let first = self.next_finite.get(i + 1).map_or(n, |&x| x as usize);
                        let second = self.next_finite.get(first + 1).map_or(n, |&x| x as usize);
                        if second < end {
                            end = second;
                        }
                    }
                    let c = self.push_clause(ClauseKind::Relative, i, end, Some(i));
                    self.clauses[c as usize].antecedent = Some(a);
                }
                continue;
            }
            if matches!(t, Tag::IN | Tag::WRB | Tag::RB)
                && self.cl.subordinators.contains(w)
                && !self.prep_groups.iter().any(|p| p.prep.start as usize == i)
                && self.vg_at[i] == NONE
            {
                // Ends at the next comma: an unbounded clause would swallow the main verb
                // ("…, who lost his son when bombers struck in London, said").
                let end = self.clause_end(i + 1, true);
                if self
                    .next_finite
                    .get(i + 1)
                    .is_some_and(|&f| (f as usize) < end)
                {
                    self.push_clause(ClauseKind::Subordinate, i, end, Some(i));
                }
                continue;
            }
        }
        // Reported clauses after a reporting verb: "said (that) Y attacked Z".
        for v in 0..self.verb_groups.len() {
            let vg = &self.verb_groups[v];
            if !self.cl.reporting.contains(self.lemmas[vg.head as usize]) {
                continue;
            }
            let mut k = vg.tokens.end as usize;
            // An addressee ("told reporters that") may come first.
            if let Some(g) = self.outer_at(k) {
                let e = self.noun_groups[g as usize].tokens.end as usize;
                if self
                    .tag(e)
                    .is_some_and(|_| self.cl.complementizers.contains(self.lower[e]))
                {
                    k = e;
                }
            }
            if self.tag(k) == Some(Tag::Comma) {
                k += 1;
            }
            let marker = (k < n
                && matches!(self.tags[k], Tag::IN | Tag::DT | Tag::WDT)
                && self.cl.complementizers.contains(self.lower[k]))
            .then_some(k);
            let body = marker.map_or(k, |m| m + 1);
            // A reported clause needs a subject and a finite verb.
            let mut q = body;
            let subject = self.outer_at(q).is_some();
            if let Some(g) = self.outer_at(q) {
                q = self.noun_groups[g as usize].extent.end as usize;
            }
            // Skip a relative clause or apposition on the subject.
            let mut finite = false;
            for r in q..n.min(q + 12) {
                if self.is_finite_vg_at(r) {
                    finite = true;
                    break;
                }
                if matches!(self.tags[r], Tag::Period) {
                    break;
                }
            }
            if subject && finite {
                let end = self.clause_end(body, false);
                let c = self.push_clause(ClauseKind::Reported, marker.unwrap_or(body), end, marker);
                self.clauses[c as usize].reporting_verb = Some(v as u32);
            }
        }
        // Preposed reported content: "Y attacked Z , X said ." / "…, said X ."
        let mut end = n;
        while end > 0 && matches!(self.tags[end - 1], Tag::Period | Tag::RQuote) {
            end -= 1;
        }
        if let Some(comma) = (0..end).rev().take(8).find(|&k| self.tags[k] == Tag::Comma) {
            let tail: Vec<u32> = (comma + 1..end)
                .filter_map(|k| {
                    let v = self.vg_at[k];
                    (v != NONE).then_some(v)
                })
                .collect();
            let rv = tail.first().copied().filter(|&v| {
                let vg = &self.verb_groups[v as usize];
                self.cl.reporting.contains(self.lemmas[vg.head as usize])
                    && tail.iter().all(|&x| x == v)
            });
            let before_has_finite = (0..comma).any(|k| self.is_finite_vg_at(k));
            if let (Some(rv), true) = (rv, before_has_finite) {
                let start = usize::from(self.tag(0) == Some(Tag::LQuote));
                let c = self.push_clause(ClauseKind::Reported, start, comma, None);
                self.clauses[c as usize].reporting_verb = Some(rv);
            }
        }
    }

    /// Parents and per-token innermost clause, by one sweep over clauses sorted by start
    /// (outer first): a stack of open clauses, linear apart from the sort.
    fn sweep(&mut self) -> Vec<u32> {
        let n = self.tags.len();
        let mut order: Vec<usize> = (0..self.clauses.len()).collect();
        order.sort_by_key(|&c| {
            let t = self.clauses[c].tokens;
            (t.start, std::cmp::Reverse(t.len()), c)
        });
        let mut clause_at = vec![0u32; n];
        let mut stack: Vec<usize> = Vec::new();
        let mut next = 0;
        for (k, slot) in clause_at.iter_mut().enumerate() {
            while stack
                .last()
                .is_some_and(|&c| self.clauses[c].tokens.end as usize <= k)
            {
                stack.pop();
            }
            while next < order.len() && self.clauses[order[next]].tokens.start as usize <= k {
                let c = order[next];
                next += 1;
                self.clauses[c].parent = stack.last().map(|&p| p as u32);
                if !self.clauses[c].tokens.is_empty() {
                    stack.push(c);
                }
            }
            *slot = stack.last().map_or(0, |&c| c as u32);
        }
        // Clauses starting at the very end (empty) still get a parent.
        for &c in &order[next..] {
            self.clauses[c].parent = Some(0).filter(|_| c != 0);
        }
        clause_at
    }

    fn roles_pass(&mut self) {
        let clause_at = self.sweep();
        for c in &self.clauses {
            if c.kind == ClauseKind::Reported {
                if let Some(x) = self.reported_start.get_mut(c.tokens.start as usize) {
                    *x = true;
                }
            }
        }
        for g in 0..self.noun_groups.len() {
            let h = self.noun_groups[g].head as usize;
            self.noun_groups[g].clause = clause_at.get(h).copied().unwrap_or(0);
        }
        for v in 0..self.verb_groups.len() {
            let h = self.verb_groups[v].head as usize;
            let c = clause_at.get(h).copied().unwrap_or(0);
            self.verb_groups[v].clause = c;
            if let Some(cl) = self.clauses.get_mut(c as usize) {
                cl.verbs.push(v as u32);
            }
        }
        for p in 0..self.prep_groups.len() {
            if let Attachment::Verb(v) = self.prep_groups[p].attach {
                self.verb_groups[v as usize].preps.push(p as u32);
            }
        }
        for v in 0..self.verb_groups.len() {
            self.object_of(v);
            self.subject_of(v, &clause_at);
            let vg = &self.verb_groups[v];
            if vg.voice == Voice::Passive {
                let agent = vg
                    .preps
                    .iter()
                    .map(|&p| &self.prep_groups[p as usize])
                    .find(|p| self.cl.agent_preps.contains(p.word.as_str()))
                    .and_then(|p| p.object)
                    .map(|o| self.outermost(o));
                self.verb_groups[v].agent = agent;
            }
        }
    }

    fn object_of(&mut self, v: usize) {
        let n = self.tags.len();
        let vg = &self.verb_groups[v];
        let mut k = vg.tokens.end as usize;
        while k < n && self.tags[k].is_adverb() && k < vg.tokens.end as usize + 2 {
            k += 1;
        }
        if vg.voice == Voice::Passive && self.lemmas[vg.head as usize] != "be" {
            return;
        }
        let Some(o) = self.outer_at(k) else { return };
        let og = &self.noun_groups[o as usize];
        if og.tokens.start as usize != k
            && self.noun_groups[self.ng_at[k] as usize].tokens.start as usize != k
        {
            return;
        }
        // A group that starts a reported clause is that clause's subject, not an object.
        if self.reported_start.get(k).copied().unwrap_or(false) {
            return;
        }
        let mut end = og.tokens.end as usize;
        // A possessor continues into the possessed group.
        let mut obj = o;
        if self.possessor[self.ng_at[k] as usize] {
            if let Some(p) = self.outer_at(end) {
                obj = p;
                end = self.noun_groups[p as usize].tokens.end as usize;
            }
        }
        self.verb_groups[v].object = Some(obj);
        if self.verb_groups[v].particle.is_none() && self.tag(end) == Some(Tag::RP) {
            self.verb_groups[v].particle = Some(end as u32);
        }
        if let Some(o2) = self.outer_at(end) {
            if self.noun_groups[o2 as usize].tokens.start as usize == end
                && self.noun_groups[o2 as usize].kind != NounGroupKind::Pronoun
                && self.noun_groups[o2 as usize].appositive_of.is_none()
            {
                self.verb_groups[v].second_object = Some(o2);
            }
        }
    }

    fn subject_of(&mut self, v: usize, clause_at: &[u32]) {
        let vg = &self.verb_groups[v];
        let start = vg.tokens.start as usize;
        let clause = vg.clause;
        let form = vg.form;
        // Complements: "agreed to hold", "stopped supplying", "urged Russia to withdraw".
        if matches!(
            form,
            VerbForm::Infinitive | VerbForm::Gerund | VerbForm::Bare
        ) && v > 0
        {
            let u = v - 1;
            let ug = &self.verb_groups[u];
            let gap = ug.tokens.end as usize..start;
            let obj_gap = ug
                .object
                .map(|o| self.noun_groups[o as usize].extent.end as usize == start)
                .unwrap_or(false);
            if gap.is_empty() || obj_gap {
                let controller_obj = self
                    .cl
                    .object_control
                    .contains(self.lemmas[ug.head as usize]);
                let subj = match (controller_obj, ug.object) {
                    (true, Some(o)) if obj_gap => Some(o),
                    // Without an object-control verb ("decided to"), an object before the
                    // complement stays the first verb's and the complement takes the subject.
                    _ => ug.subject,
                };
                self.verb_groups[u].complement = Some(v as u32);
                let me = &mut self.verb_groups[v];
                me.complement_of = Some(u as u32);
                me.subject = subj;
                me.subject_source = SubjectSource::Control;
                return;
            }
        }
        // Relative clauses.
        if let Some(cl) = self.clauses.get(clause as usize) {
            if cl.kind == ClauseKind::Relative && cl.verbs.first() == Some(&(v as u32)) {
                let marker = cl.marker.unwrap_or(cl.tokens.start) as usize;
                let between = (marker + 1..start).find_map(|k| self.outer_at(k));
                let ante = cl.antecedent;
                match between {
                    None => {
                        let me = &mut self.verb_groups[v];
                        me.subject = ante;
                        me.subject_source = SubjectSource::Relative;
                    }
                    Some(g) => {
                        let me = &mut self.verb_groups[v];
                        me.subject = Some(g);
                        me.subject_source = SubjectSource::Direct;
                        if me.object.is_none() {
                            me.object = ante;
                        }
                    }
                }
                return;
            }
        }
        // Coordinated verbs share their subject: "agreed to X and backed Y".
        let mut k = start;
        while k > 0 && self.tags[k - 1].is_adverb() {
            k -= 1;
        }
        if k > 0 && self.tags[k - 1] == Tag::CC {
            let mut w = v;
            let mut found = None;
            let floor = v.saturating_sub(MAX_LOOK);
            while w > floor {
                w -= 1;
                let wg = &self.verb_groups[w];
                if wg.clause != clause && clause_at.get(wg.head as usize) != Some(&clause) {
                    // Allow coordination across a nested clause inside the same parent.
                    if !self.is_ancestor(clause, wg.clause) {
                        break;
                    }
                }
                if wg.complement_of.is_none() && wg.form == VerbForm::Finite
                    || wg.form == form && wg.complement_of.is_none()
                {
                    found = Some(wg.coordinated_with.map_or(w as u32, |x| x));
                    break;
                }
            }
            if let Some(f) = found {
                let subj = self.verb_groups[f as usize].subject;
                let me = &mut self.verb_groups[v];
                me.coordinated_with = Some(f);
                me.subject = subj;
                me.subject_source = SubjectSource::Coordination;
                return;
            }
        }
        // A participle right after a noun group modifies it ("troops deployed in …").
        if form == VerbForm::Participle || form == VerbForm::Gerund {
            if let Some(g) = start
                .checked_sub(1)
                .and_then(|b| self.extent_ending_at(b + 1))
            {
                let me = &mut self.verb_groups[v];
                me.subject = Some(g);
                me.subject_source = SubjectSource::Modified;
                return;
            }
        }
        // PETRARCH's rule: the nearest noun group to the left in the same clause, skipping
        // nested clauses, appositives, possessors and prepositional objects.
        let clause_start = self
            .clauses
            .get(clause as usize)
            .map_or(0, |c| c.tokens.start as usize);
        let mut k = start;
        let mut found = None;
        let clause_start = clause_start.max(start.saturating_sub(MAX_LOOK));
        while k > clause_start {
            k -= 1;
            if clause_at.get(k) != Some(&clause) {
                continue;
            }
            if self.vg_at[k] != NONE {
                break;
            }
            let g = self.ng_at[k];
            if g == NONE {
                continue;
            }
            let gi = g as usize;
            if self.pp_object[gi] || self.possessor[gi] {
                continue;
            }
            let mut o = self.outermost(g);
            if self.pp_object[o as usize] {
                continue;
            }
            if let Some(a) = self.noun_groups[o as usize].appositive_of {
                o = self.outermost(a);
            }
            found = Some(o);
            break;
        }
        // A reported clause's subject is its first group even after a complementiser.
        let me = &mut self.verb_groups[v];
        me.subject = found;
        me.subject_source = SubjectSource::Direct;
    }

    fn is_ancestor(&self, anc: u32, mut c: u32) -> bool {
        for _ in 0..16 {
            if c == anc {
                return true;
            }
            match self.clauses.get(c as usize).and_then(|x| x.parent) {
                Some(p) => c = p,
                None => return false,
            }
        }
        false
    }

    /// The outermost noun group whose extent ends at token `end` (exclusive), not a PP object.
    fn extent_ending_at(&self, end: usize) -> Option<u32> {
        let g = self.outer_at(end.checked_sub(1)?)?;
        let mut best = g;
        // Climb to the head noun when the token ends an "of"-phrase: its attaching group.
        if let Some(p) = self
            .pp_ending
            .get(end)
            .and_then(|&p| self.prep_groups.get(p as usize))
        {
            if let Attachment::Noun(h) = p.attach {
                best = self.outermost(h);
            }
        }
        (!self.pp_object[best as usize]).then_some(best)
    }
}
