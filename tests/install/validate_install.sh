#!/usr/bin/env bash
# Installs the build into a DESTDIR inside the build tree and validates what a desktop reads:
# the .desktop entry (desktop-file-validate) and the AppStream metainfo with the
# tree it points into (appstreamcli validate-tree --no-net). Hints and pedantic
# notes pass; errors and warnings fail.
# usage: validate_install.sh BUILD_DIR DESKTOP_FILE_VALIDATE APPSTREAMCLI
set -euo pipefail
build=$1 desktop_validate=$2 appstreamcli=$3
# Inside the build tree, not /tmp: a sanitized build's programs are large, and
# /tmp may be a small tmpfs.
dest=$build/install-check
rm -rf "$dest"
trap 'rm -rf "$dest"' EXIT

DESTDIR=$dest cmake --install "$build" --prefix /usr >/dev/null
share=$dest/usr/share
id=io.github.linearlab.LinearLab
for f in usr/bin/linearlab usr/bin/linearlab-cli usr/bin/linearlab-bench \
         usr/share/applications/$id.desktop usr/share/metainfo/$id.metainfo.xml \
         usr/share/mime/packages/$id.xml usr/share/icons/hicolor/scalable/apps/$id.svg \
         usr/share/icons/hicolor/48x48/apps/$id.png usr/share/man/man1/linearlab-cli.1; do
    [ -e "$dest/$f" ] || { echo "not installed: /$f" >&2; exit 1; }
done

"$desktop_validate" "$share/applications/$id.desktop"
"$appstreamcli" validate --no-net "$share/metainfo/$id.metainfo.xml"
"$appstreamcli" validate-tree --no-net "$dest"
echo "installed files validate"
