#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): puts odf-scdl in the runner's temporary folder and
# exports ODF_BIN (its bin/odf.js) for the run step. ODF_VERSION: a version, an npm spec, `local`
# (the action's own checkout, built with npm ci), or empty (the version in the action's package.json).
set -eo pipefail
action="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: this script runs inside a GitHub Action}"

if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "::error title=odf::odf needs Node.js 20 or later (found: $(node --version 2>/dev/null || echo none)); add actions/setup-node before this step."
  exit 2
fi

if [ "${ODF_VERSION:-}" = "local" ]; then
  bin="$action/bin/odf.js"
  if [ ! -f "$action/dist/cli/main.js" ]; then
    echo "::error title=odf::odf-version local needs a built checkout: run npm ci in $action first."
    exit 2
  fi
else
  version="${ODF_VERSION:-$(node -p "require(process.argv[1]).version" "$action/package.json")}"
  case "$version" in
    *[:/@]*) spec="$version" ;; # a full npm spec (tarball, git URL, odf-scdl@tag)
    *) spec="odf-scdl@$version" ;;
  esac
  prefix="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/odf-scdl"
  npm install --prefix "$prefix" --no-audit --no-fund --no-save --loglevel error "$spec"
  bin="$prefix/node_modules/odf-scdl/bin/odf.js"
fi

echo "ODF_BIN=$bin" >> "${GITHUB_ENV:?GITHUB_ENV is not set}"
node "$bin" --version
