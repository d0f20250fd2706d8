#!/bin/sh
# pouchdb-install.sh CACHE_DIR: installs pouchdb-server (the sync tests'
# CouchDB-compatible server, sync.md) and pouchdb (its replicator, for
# tests/bench/bench-sync) into CACHE_DIR/node_modules, once. Several test
# programs may call it at the same time: the first installs under a lock,
# the others wait and reuse. Only the npm registry is contacted.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

dir=${1:?usage: pouchdb-install.sh CACHE_DIR}
packages="pouchdb-server@4.2.0 pouchdb@7.3.1"
stamp="$dir/.installed-pouchdb-server-4.2.0-pouchdb-7.3.1"

[ -f "$stamp" ] && exit 0
command -v npm >/dev/null 2>&1 || { echo "pouchdb-install.sh: npm not found" >&2; exit 3; }

mkdir -p "$dir"
exec 9>"$dir/.lock"
flock 9
[ -f "$stamp" ] && exit 0

cd "$dir"
[ -f package.json ] || printf '{ "name": "bosetting-sync-test-servers", "private": true }\n' > package.json
echo "pouchdb-install.sh: npm install $packages into $dir (once; a few minutes)" >&2
# leveldown ships prebuilt binaries for linux-x64, so no install scripts
# (and no download outside the registry) are needed.
npm install --no-audit --no-fund --no-save --ignore-scripts --loglevel=error $packages >&2
node -e 'require("pouchdb-server/package.json"); require("pouchdb")' >&2
touch "$stamp"
