#!/bin/sh
# Regenerates the shipped dictionaries derived from the Phoenix/PETRARCH2 set (MIT, Open
# Event Data Alliance; see NOTICE) in dyad's format. Entries are carried over; the files'
# free-text comments are not. Curated updates live in dictionaries/leaders.actors, which is
# loaded after these files and overrides entries with the same name.
# Run from the repository root: sh tools/import_phoenix.sh
set -eu
SRC=../shared/petrarch2/dictionaries
if [ ! -d "$SRC" ]; then echo "skipped: ../shared not found"; exit 0; fi
TMP=$(mktemp -d)
cargo run -q -p dyad-dict --example dict -- import-facts \
  "$SRC/Phoenix.Countries.actors.txt" "$SRC/Phoenix.International.actors.txt" \
  "$SRC/Phoenix.MilNonState.actors.txt" "$SRC/Phoenix.agents.txt" \
  "$SRC/Phoenix.discards.txt" "$SRC/Phoenix.IssueCoding.txt" "$SRC/CAMEO.2.0.txt" --out "$TMP"
credit="# Derived from the Phoenix dictionaries of PETRARCH2 (MIT, Open Event Data Alliance; see NOTICE),
# imported with tools/import_phoenix.sh. Problems in the source entries were reported and the
# entries skipped (docs/dictionaries.md). Edit freely; curated changes go in leaders.actors."
put() { { echo "$credit"; cat "$TMP/$1"; } > "dictionaries/$2"; }
put Phoenix.Countries.actors countries.actors
put Phoenix.International.actors international.actors
put Phoenix.MilNonState.actors nonstate.actors
put Phoenix.agents agents.agents
put Phoenix.discards discards.discards
put Phoenix.IssueCoding.issues issues.issues
put CAMEO.2.0.verbs cameo.verbs
rm -r "$TMP"
