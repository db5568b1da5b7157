#!/usr/bin/env bash
# Download the sources of the era table and the variant table into target/calendar-sources/
# (not committed): cejs 4.5.10 from npm and the Debian packages unicode-data (Unihan) and
# kanjidic-xml (KANJIDIC2).
# The DDBC dumps are read from ../shared/data/ddbc-time/ and are not downloaded here.
# Then run: python3 scripts/calendar/gen_eras.py
set -euo pipefail
cd "$(dirname "$0")/../.."
dest=target/calendar-sources
mkdir -p "$dest"
cd "$dest"

CEJS_VERSION=4.5.10
if [ ! -f "cejs-$CEJS_VERSION/package/data/date/era_data.js" ]; then
    rm -rf "cejs-$CEJS_VERSION" && mkdir "cejs-$CEJS_VERSION"
    tarball=$(npm pack --silent "cejs@$CEJS_VERSION")
    tar -xzf "$tarball" -C "cejs-$CEJS_VERSION"
    rm -f "$tarball"
fi

# Debian packages, unpacked: unicode-data (Unihan 15.0) and kanjidic-xml (KANJIDIC2).
# Versions: unicode-data 15.0.0-1 and kanjidic-xml 2022.08.23-1 (Debian 12); the script
# records the .deb it unpacked in PACKAGE.version.
for pkg in unicode-data kanjidic-xml; do
    if [ ! -d "$pkg/usr" ]; then
        rm -rf "$pkg" "$pkg"_*.deb
        apt-get download -o APT::Sandbox::User=root "$pkg"
        dpkg -x "$pkg"_*.deb "$pkg"
        ls "$pkg"_*.deb > "$pkg.version"
        rm -f "$pkg"_*.deb
    fi
done
echo "sources in $(pwd)"
