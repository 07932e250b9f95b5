#!/usr/bin/env python3
"""Generates dictionaries/cameo-codebook.tsv from the reference facts in ../shared/reference:

* cameo-goldstein.tsv  -- the Goldstein score of each CAMEO code;
* CAMEO2PLOVER-2021.txt -- PLOVER event type, mode and context per CAMEO code, with the
  CAMEO event name in its comment.

Old PLOVER mode/context names are normalised to those of the current manual
(../shared/reference/plover.md) with the table below. Run from the repository root:

    python3 tools/make_codebook.py
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "reference")
OUT = os.path.join(ROOT, "dictionaries", "cameo-codebook.tsv")

# CAMEO cue-category (root) names; the 2021 PLOVER table gives none for roots.
ROOT_NAMES = {
    "01": "Make public statement", "02": "Appeal", "03": "Express intent to cooperate",
    "04": "Consult", "05": "Engage in diplomatic cooperation",
    "06": "Engage in material cooperation", "07": "Provide aid", "08": "Yield",
    "09": "Investigate", "10": "Demand", "11": "Disapprove", "12": "Reject",
    "13": "Threaten", "14": "Protest", "15": "Exhibit force posture",
    "16": "Reduce relations", "17": "Coerce", "18": "Assault", "19": "Fight",
    "20": "Use unconventional mass violence",
}

# CAMEO event names for the codes PLOVER dropped (roots 01 and 02), from the CAMEO codebook.
DROPPED_NAMES = {
    "010": "Make statement, not specified below", "011": "Decline comment",
    "012": "Make pessimistic comment", "013": "Make optimistic comment",
    "014": "Consider policy option", "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility", "017": "Engage in symbolic act",
    "018": "Make empathetic comment", "019": "Express accord",
    "020": "Appeal, not specified below", "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation", "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation", "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation", "023": "Appeal for aid",
    "0231": "Appeal for economic aid", "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform", "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change", "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime", "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for target to allow international involvement",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate", "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}

# Context names of the 2021 table that the current manual renamed.
CONTEXT_RENAMES = {"humanitarian": "human_security", "democracy": "pro_democracy"}
# (event, old mode) -> current mode ("" when the manual has no matching mode).
MODE_RENAMES = {
    ("RETREAT", "return"): "release",
    ("RETREAT", "ease"): "",
    ("THREATEN", "ban"): "restrict",
    ("THREATEN", "political"): "restrict",
    ("COERCE", "ban"): "restrict",
    ("ASSAULT", "seize"): "destroy",
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "unconventional",
    ("ASSAULT", "cleansing"): "unconventional",
}
# A context written in the mode column (CAMEO 175): moved to the contexts.
MODE_IS_CONTEXT = {"pro_autocracy": "repression"}


def main():
    if not os.path.isdir(SHARED):
        sys.exit("skipped: ../shared not found")
    gold = {}
    with open(os.path.join(SHARED, "cameo-goldstein.tsv")) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            gold[row["CAMEOEVENTCODE"].strip()] = row["GOLDSTEINSCALE"].strip()
    plover = {}
    with open(os.path.join(SHARED, "CAMEO2PLOVER-2021.txt")) as f:
        for line in f:
            if line.startswith("#") or ":" not in line:
                continue
            body, _, desc = line.partition("#")
            code, _, rest = body.partition(":")
            code = code.strip()
            if not code.isdigit() or code in plover:
                continue
            parts = [p.strip() for p in rest.split(",")] + ["", ""]
            event, mode, context = parts[0], parts[1], parts[2]
            contexts = [c.strip() for c in context.split(";") if c.strip()]
            if mode in MODE_IS_CONTEXT:
                contexts.insert(0, MODE_IS_CONTEXT[mode])
                mode = ""
            mode = MODE_RENAMES.get((event, mode), mode)
            contexts = [CONTEXT_RENAMES.get(c, c) for c in contexts]
            plover[code] = (event, mode, ";".join(contexts), desc.strip())
    codes = sorted(set(gold) | set(plover), key=lambda c: (c[:2], len(c), c))
    with open(OUT, "w") as out:
        out.write("# CAMEO codebook: code, name, Goldstein score, PLOVER event type, mode, contexts.\n")
        out.write("# Generated by tools/make_codebook.py from cameo-goldstein.tsv (GDELT) and\n")
        out.write("# CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0); see NOTICE.\n")
        out.write("# Empty cells fall back 4-digit -> 3-digit -> root in dyad-dict's Codebook.\n")
        out.write("code\tname\tgoldstein\tplover\tplover_mode\tplover_context\n")
        for c in codes:
            ev, mode, ctx, desc = plover.get(c, ("", "", "", ""))
            name = desc or (ROOT_NAMES.get(c, "") if len(c) == 2 else DROPPED_NAMES.get(c, ""))
            out.write("\t".join([c, name, gold.get(c, ""), ev, mode, ctx]) + "\n")
    print(f"wrote {len(codes)} codes to {OUT}")


if __name__ == "__main__":
    main()
