#!/usr/bin/env bash
# Remakes the three screenshots of docs/web.md and the README: a fresh store holding the five
# seeds (published 2024-12-01) and the examples, served on a free loopback port, each page taken
# by headless Debian Chromium at 1280 px width. Run from the repository: docs/screenshots/take.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=.venv/bin
out=docs/screenshots
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/shots.db"
$bin/corroborate ingest ../shared/data/seeds/ --db "$db" --published 2024-12-01 --quiet
$bin/corroborate ingest examples/ --db "$db" --quiet
port=$($bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$bin/corroborate serve --db "$db" --port "$port" --no-background >"$work/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/api/stories" >/dev/null && break; sleep 0.2; done
story=$(curl -sf "$base/api/stories?q=Aleppo" | $bin/python -c 'import json,sys; print(json.load(sys.stdin)["stories"][0]["id"])')
# make and keep the reports of every story of two or more articles before the shots
for id in $(curl -sf "$base/api/stories" | $bin/python -c 'import json,sys; print(" ".join(s["id"] for s in json.load(sys.stdin)["stories"] if s["articles"] > 1))'); do
    curl -sf "$base/api/stories/$id" >/dev/null
done
article=$(curl -sf "$base/api/articles?story=$story" | $bin/python -c 'import json,sys; print(sorted(json.load(sys.stdin)["articles"], key=lambda a: a["input"])[0]["id"])')
curl -sf "$base/api/articles/$article/claims" >/dev/null
shoot() {  # URL FILE HEIGHT
    chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking \
        --hide-scrollbars --window-size="1280,$3" --screenshot="$2" "$1" 2>/dev/null
}
shoot "$base/" "$out/stories.png" 900
shoot "$base/stories/$story" "$out/story.png" 1500
shoot "$base/articles/$article" "$out/article.png" 1500
echo "wrote $out/stories.png, $out/story.png, $out/article.png"
