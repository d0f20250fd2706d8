#!/bin/sh
# test-potfiles.sh SOURCE_ROOT
#
# Fails when a file with translatable strings is missing from po/POTFILES.in
# (its strings would silently stay English), or when POTFILES.in lists a file
# that does not exist (xgettext would fail).
#
# Translatable: C and header files under app/ that call _(), N_(), C_(),
# NC_(), Q_(), ngettext() or g_dngettext(); .ui files with translatable="yes";
# and always the desktop file, the metainfo and the GSettings schema.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

root=${1:-${BOSETTING_SOURCE_DIR:-.}}
cd "$root"

potfiles=po/POTFILES.in
[ -f "$potfiles" ] || { echo "not ok: $potfiles not found in $root"; exit 1; }

listed=$(mktemp)
wanted=$(mktemp)
trap 'rm -f "$listed" "$wanted"' EXIT

# The files POTFILES.in lists: no comments, no blank lines, no [type: …] tags
sed -e 's/#.*//' -e 's/^\[[^]]*\][[:space:]]*//' -e 's/[[:space:]]*$//' "$potfiles" |
  grep -v '^$' | sort -u > "$listed"

{
  find app -name '*.c' -o -name '*.h' | sort |
    xargs grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|dngettext|g_dpgettext2)[[:space:]]*\(' || true
  find resources -name '*.ui' | sort | xargs grep -l 'translatable="yes"' || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | sort -u > "$wanted"

status=0

missing=$(comm -23 "$wanted" "$listed")
if [ -n "$missing" ]; then
  echo "Files with translatable strings that po/POTFILES.in does not list:"
  echo "$missing" | sed 's/^/  /'
  status=1
fi

while read -r f; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done < "$listed"

if [ "$status" -eq 0 ]; then
  echo "ok: po/POTFILES.in lists all $(wc -l < "$wanted") files with translatable strings"
fi
exit "$status"
