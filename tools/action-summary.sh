#!/usr/bin/env bash
# The GitHub Action's job summary (Markdown, to standard output; action.yml appends it to $GITHUB_STEP_SUMMARY):
# every finding of the run (annotations stop at 10 errors and 10 warnings a step) and where the OKRs stand
# (`okrlint report --format markdown`). Usage: action-summary.sh FINDINGS_FILE EXIT_STATUS PATH...
# with OKRLINT_BIN naming the binary. The findings are okrlint's human format, escaped by okrlint for a terminal;
# here they sit in a code fence longer than any run of backticks in them, so nothing in a file becomes Markdown.
set -uo pipefail
findings=$1 status=$2
shift 2
limit=$((512 * 1024))   # a step's summary holds 1 MiB
echo "## okrlint"
echo
if [[ ! -s $findings ]]; then
  echo "okrlint stopped before it could report (exit $status): see the step's log."
else
  last=$(grep -E '^(Found |All checks passed)' "$findings" | tail -n 1)
  last=${last:-$(tail -n 1 "$findings")}
  case "$status" in
    0) echo "**Passed.**" ;;
    1) echo "**Failed:** the findings below fail the run." ;;
    *) echo "**Error** (exit $status): see the step's log." ;;
  esac
  echo
  longest=$(grep -o '`\+' "$findings" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
  fence=$(printf '%*s' "$(( longest >= 3 ? longest + 1 : 3 ))" '' | tr ' ' '`')
  echo "<details$( [[ $status != 0 ]] && echo ' open')><summary>$(printf '%s' "$last" | sed 's/[&<>]/ /g')</summary>"
  echo
  echo "${fence}text"
  head -c "$limit" "$findings"
  if [[ $(wc -c < "$findings") -gt $limit ]]; then echo; echo "… cut at $((limit / 1024)) KiB: the whole list is in the step's log"; fi
  echo
  echo "$fence"
  echo
  echo "</details>"
fi
echo
if report=$("$OKRLINT_BIN" report --format markdown -- "$@" 2> /dev/null); then
  echo "### Where the OKRs stand"
  echo
  printf '%s\n' "$report" | head -c "$limit"
else
  echo "(\`okrlint report\` could not read these files.)"
fi
