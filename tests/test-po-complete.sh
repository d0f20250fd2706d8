#!/bin/sh
# test-po-complete.sh SOURCE_ROOT LANG…
#
# Fails when a translation has an untranslated or a fuzzy message: the app
# must read entirely in Bokmål and in Nynorsk, never half in English.
#
# Each po file is checked twice: as it is, and merged with a template made
# from the sources right now (xgettext on po/POTFILES.in, as the meson
# target bosetting-pot does), so a string added to the code without being
# translated fails here too. To fix a failure:
#
#   meson compile -C BUILDDIR bosetting-update-po
#
# then translate what this test lists in po/nb.po and po/nn.po.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

root=$1
shift
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The msgids of a po file on standard input, one a line (the header's
# empty one left out), continuation lines joined.
list_msgids () {
  awk '/^msgid / { id = substr($0, 8); more = 1; next }
       more && /^"/ { id = id $0; next }
       more { more = 0; sub(/^"/, "", id); sub(/"$/, "", id); gsub(/""/, "", id)
              if (id != "") print "    " id }'
}

# check PO LABEL: 0 when PO has no untranslated or fuzzy message
check () {
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$1" 2>&1) || {
    echo "not ok: msgfmt failed on $2:"
    echo "$stats" | sed 's/^/  /'
    return 1
  }
  translated=$(echo "$stats" | sed -n 's/^\([0-9][0-9]*\) translated message.*/\1/p')
  fuzzy=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) fuzzy translation.*/\1/p')
  untranslated=$(echo "$stats" | sed -n 's/.* \([0-9][0-9]*\) untranslated message.*/\1/p')
  translated=${translated:-0}
  fuzzy=${fuzzy:-0}
  untranslated=${untranslated:-0}

  if [ "$translated" -eq 0 ] || [ "$fuzzy" -ne 0 ] || [ "$untranslated" -ne 0 ]; then
    echo "not ok: $2: $translated translated, $fuzzy fuzzy, $untranslated untranslated"
    if [ "$fuzzy" -ne 0 ]; then
      echo "  fuzzy:"
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$1" | list_msgids
    fi
    if [ "$untranslated" -ne 0 ]; then
      echo "  untranslated:"
      msgattrib --untranslated --no-obsolete --no-wrap "$1" | list_msgids
    fi
    return 1
  fi
  echo "ok: $2: all $translated messages translated"
  return 0
}

# A template from the sources as they are now, with the keywords of meson's
# i18n 'glib' preset.
fresh=""
if command -v xgettext > /dev/null && command -v msgmerge > /dev/null; then
  if (cd "$root" && xgettext --files-from=po/POTFILES.in --from-code=UTF-8 \
        --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
        --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
        --keyword=g_dpgettext2:2c,3 --output="$tmp/fresh.pot" 2> "$tmp/xgettext.log"); then
    fresh="$tmp/fresh.pot"
    # A macro such as G_GINT64_FORMAT inside _() cuts the msgid short, so
    # the string is never translated: use PRId64 (<inttypes.h>), which
    # gettext understands, or format the number first.
    if grep -q 'not a valid C format string' "$tmp/xgettext.log"; then
      echo "not ok: translatable strings that xgettext cannot read as C formats:"
      grep 'not a valid C format string' "$tmp/xgettext.log" | sed 's/^/  /'
      echo "  (a G_G*_FORMAT macro inside _()? use PRId64 from <inttypes.h>)"
      status=1
    fi
  else
    echo "not ok: xgettext failed on po/POTFILES.in:"
    sed 's/^/  /' "$tmp/xgettext.log"
    status=1
  fi
else
  echo "# xgettext or msgmerge not found: checking the po files as they are only"
fi

for lang in "$@"; do
  po="$root/po/$lang.po"
  if [ ! -f "$po" ]; then
    echo "not ok: $po not found"
    status=1
    continue
  fi

  check "$po" "$lang.po" || status=1

  if [ -n "$fresh" ]; then
    msgmerge --quiet --no-wrap -o "$tmp/$lang.po" "$po" "$fresh"
    check "$tmp/$lang.po" "$lang.po merged with the strings in the sources now" || {
      status=1
      echo "  (run 'meson compile -C BUILDDIR bosetting-update-po' and translate these)"
    }
  fi
done

exit "$status"
