#!/usr/bin/env bash
# Fails when translations/*.ts are not up to date with the sources: a tr() string
# no .ts knows or that is left untranslated, an entry marked unfinished, or an
# entry whose string the sources no longer have. Runs lupdate on a copy, so the
# committed files are left alone; prints each string and the fix.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh
linearlab_install_packages python3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp translations/*.ts "$tmp/"
LINEARLAB_TS_DIR="$tmp" scripts/update_translations.sh >/dev/null 2>&1 || {
    echo "check_translations: lupdate failed:" >&2
    LINEARLAB_TS_DIR="$tmp" scripts/update_translations.sh >&2
    exit 1
}

python3 - "$tmp" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

def messages(path):
    """(context, source, comment) -> (state, translations) of every message."""
    out = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            t = m.find("translation")
            forms = [f.text or "" for f in t.iter("numerusform")] if m.get("numerus") == "yes" else [t.text or ""]
            out[(name, m.findtext("source"), m.findtext("comment") or "")] = (t.get("type", ""), forms)
    return out

def show(key):
    context, source, _ = key
    return "[%s] %r" % (context, source)

problems = []
for committed in sorted(glob.glob("translations/*.ts")):
    name = os.path.basename(committed)
    before = messages(committed)
    after = messages(os.path.join(sys.argv[1], name))
    for key in sorted(after.keys() - before.keys()):
        problems.append("%s: new string, not in the file: %s" % (name, show(key)))
    for key in sorted(before.keys() - after.keys()):
        problems.append("%s: obsolete, the sources no longer have it: %s" % (name, show(key)))
    for key, (state, forms) in sorted(before.items()):
        if state in ("unfinished", "vanished", "obsolete"):
            problems.append("%s: %s: %s" % (name, state, show(key)))
        elif name != "linearlab_en.ts" and not all(forms):
            problems.append("%s: no translation: %s" % (name, show(key)))
if problems:
    print("\n".join(problems), file=sys.stderr)
    print("\n%d problem(s). Fix: scripts/update_translations.sh, then translate the new "
          "entries (linguist translations/linearlab_zh_CN.ts, or edit the .ts) and "
          "commit the .ts files." % len(problems), file=sys.stderr)
    sys.exit(1)
counts = ", ".join("%s %d" % (os.path.basename(p), len(messages(p)))
                   for p in sorted(glob.glob("translations/*.ts")))
print("translations: up to date (%s entries)" % counts)
PY
