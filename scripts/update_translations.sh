#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources: run it after adding or changing a
# tr() string, then translate the new entries (Qt Linguist: linguist
# translations/linearlab_zh_CN.ts, or edit the .ts), and commit both.
# linearlab_zh_CN.ts holds every string; linearlab_en.ts only those with plural
# forms (tr("...%n...", nullptr, n)), whose English forms it spells out: the
# English window shows every other source string as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
linearlab_install_packages  # qt6-l10n-tools has lupdate and lrelease
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}

# -I .: the sources include "ui/x.h"; lupdate reads the headers to learn that a
# class lives in linearlab::ui, which is the context tr() looks its strings up in.
opts=(-I . -no-obsolete -locations none -silent)
ts_dir=${LINEARLAB_TS_DIR:-translations}
"$lupdate" ui "${opts[@]}" -ts "$ts_dir/linearlab_zh_CN.ts"
"$lupdate" ui "${opts[@]}" -pluralonly -ts "$ts_dir/linearlab_en.ts"
