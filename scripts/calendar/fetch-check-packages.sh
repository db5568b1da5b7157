#!/usr/bin/env bash
# Fetch the independent calendars that check_months.py compares months.bin with, into
# target/calendar-sources/ (not committed): sxtwl (BSD-3-Clause, astronomical) and
# chinesecalendar-py (Yuk Tung Liu's historical tables, GPL-3.0: used to check only, never
# shipped), with what they import (numpy, pandas).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/target/calendar-sources"
mkdir -p "$dest/wheels"
pip download --quiet -d "$dest/wheels" \
    sxtwl==2.0.7 chinesecalendar-py==0.0.1 numpy pandas importlib-resources
pip install --quiet --no-index --find-links "$dest/wheels" --target "$dest/site" --upgrade \
    sxtwl==2.0.7 chinesecalendar-py==0.0.1 numpy pandas importlib-resources
echo "installed into $dest/site"
