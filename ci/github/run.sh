#!/usr/bin/env bash
# The GitHub Action's run step (action.yml): annotations on stdout (odf --format github), the markdown
# report in the job summary, and the report of ODF_FORMAT in ODF_OUTPUT. Inputs come as ODF_* variables
# (never pasted into a command line); ODF_BIN is odf's bin/odf.js. Exits with odf's code: 0 conform,
# 1 problems found (per --fail-level), 2 odf could not do its job (its sentence becomes an annotation).
set -o pipefail
: "${ODF_BIN:?ODF_BIN is not set: the install step sets it}"
odf() { node "$ODF_BIN" "$@"; }

args=(validate)
while IFS= read -r line; do
  line="${line#"${line%%[![:space:]]*}"}"
  line="${line%"${line##*[![:space:]]}"}"
  if [ -n "$line" ]; then args+=("$line"); fi
done <<< "${ODF_FILES:-}"
if [ -n "${ODF_SCHEMA:-}" ]; then args+=(--schema "$ODF_SCHEMA"); fi
if [ -n "${ODF_CONFIG:-}" ]; then args+=(--config "$ODF_CONFIG"); fi
if [ -n "${ODF_FAIL_LEVEL:-}" ]; then args+=(--fail-level "$ODF_FAIL_LEVEL"); fi
if [ -n "${ODF_ARGS:-}" ]; then
  read -r -a extra <<< "$ODF_ARGS"
  args+=("${extra[@]}")
fi

errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT

# A failure sentence on stderr (exit 2) as an error annotation, escaped for a workflow command.
annotate_failure() {
  cat "$errors" >&2
  local text
  text="$(head -c 2000 "$errors" | sed -e 's/%/%25/g' | awk 'BEGIN { ORS = "%0A" } { print }')"
  echo "::error title=odf::${text%\%0A}"
}

# 1. Annotations; this run's exit code is the step's.
odf "${args[@]}" --format github 2> "$errors"
code=$?
if [ "$code" -eq 2 ]; then annotate_failure; else cat "$errors" >&2; fi

# 2. The job summary.
if [ "${ODF_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  if [ "$code" -eq 2 ]; then
    { echo "### odf"; echo; echo "odf n'a pas pu vérifier les fichiers : voir le journal de l'étape."; } >> "$GITHUB_STEP_SUMMARY"
  else
    odf "${args[@]}" --format markdown >> "$GITHUB_STEP_SUMMARY"
  fi
fi

# 3. A report file.
report=""
if [ -n "${ODF_FORMAT:-}" ] && [ "$code" -ne 2 ]; then
  case "$ODF_FORMAT" in
    sarif) ext=sarif ;;
    junit) ext=xml ;;
    json | gitlab) ext=json ;;
    html) ext=html ;;
    markdown) ext=md ;;
    *) ext=txt ;;
  esac
  report="${ODF_OUTPUT:-odf-report.$ext}"
  odf "${args[@]}" --format "$ODF_FORMAT" -o "$report" 2> "$errors"
  if [ $? -eq 2 ]; then
    annotate_failure
    code=2
    report=""
  fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "exit-code=$code"; echo "report=$report"; } >> "$GITHUB_OUTPUT"
fi
exit "$code"
