# Sourced by the editor tests (editors/nvim/run.sh, editors/emacs/run.sh): from the repository root, sets OKRLINT and
# WORKSPACE, a temporary copy of the samples (removed on exit) with one problem that has a safe fix: a capitalised
# key, a syntax error whose fix lowercases it.
OKRLINT=${OKRLINT:-$PWD/.build/debug/okrlint}
WORKSPACE=$(mktemp -d)
trap 'rm -rf "$WORKSPACE"' EXIT
mkdir -p "$WORKSPACE/teams"
cp samples/company.okr "$WORKSPACE/"
cp samples/teams/*.okr "$WORKSPACE/teams/"
echo '{"today": "2026-11-25"}' > "$WORKSPACE/.okrlint.json"
sed -i '0,/- owner: @raj/s//- Owner: @raj/' "$WORKSPACE/teams/platform.okr"
export OKRLINT WORKSPACE
