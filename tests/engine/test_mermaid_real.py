"""Optional: Mermaid itself reads every diagram ``samtale diagram`` writes. Mermaid is a
JavaScript library, so this runs its browser build in headless Chromium (no network): every
bundled guide's diagram (and the fixture with awkward characters) must parse, a diagram with
what Mermaid refuses must not, and one drawn diagram shows its titles and conditions.

Skipped unless both are there: Chromium (``/usr/bin/chromium``, as .ci/run installs for the
browser test) and Mermaid's ``mermaid.min.js``, named by ``SAMTALE_MERMAID_JS``; fetch it once
with ``npm pack mermaid@11 && tar xzf mermaid-*.tgz`` (it is ``package/dist/mermaid.min.js``)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.dialogue.library import bundled_guides, find_guide
from assistant.engine.diagram import flow_of
from assistant.engine.mermaid import mermaid

from ..conftest import FIXTURES

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<pre id="out">venter</pre><div id="drawn"></div>
<script type="application/json" id="diagrams">DIAGRAMS</script>
<script src="MERMAID"></script>
<script>
(async () => {
  const diagrams = JSON.parse(document.getElementById("diagrams").textContent);
  mermaid.initialize({startOnLoad: false, securityLevel: "strict"});
  const results = {};
  for (const [name, text] of Object.entries(diagrams)) {
    try { await mermaid.parse(text); results[name] = "ok"; }
    catch (e) { results[name] = "fejl: " + String(e && e.message || e).slice(0, 300); }
  }
  for (const name of DRAWN) {
    try {
      const {svg} = await mermaid.render("tegnet_" + name, diagrams[name]);
      results["svg:" + name] = svg;
    } catch (e) { results["svg:" + name] = "fejl: " + String(e && e.message || e); }
  }
  document.getElementById("out").textContent = JSON.stringify(results);
})();
</script></body></html>"""


DRAWN = ["vaerdighedshjulet", "motiverende_samtale", "skaev"]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _mermaid_js() -> Path | None:
    named = os.environ.get("SAMTALE_MERMAID_JS")
    return Path(named) if named and Path(named).is_file() else None


@pytest.mark.skipif(_chromium() is None, reason="Chromium is not installed")
@pytest.mark.skipif(
    _mermaid_js() is None,
    reason="Mermaid is not here: set SAMTALE_MERMAID_JS to mermaid.min.js (npm pack mermaid@11)",
)
def test_mermaid_reads_every_diagram(tmp_path: Path) -> None:
    diagrams = {g.id: mermaid(flow_of(g)) for g in bundled_guides()}
    diagrams["skaev"] = mermaid(flow_of(find_guide(str(FIXTURES / "diagram" / "skaev.yaml"))))
    diagrams["bindestreg"] = diagrams["skaev"].replace("mit_forloeb", "mit-forloeb")
    payload = json.dumps(diagrams, ensure_ascii=False).replace("<", "\\u003c")
    page = tmp_path / "mermaid.html"
    page.write_text(
        PAGE.replace("DIAGRAMS", payload)
        .replace("DRAWN", json.dumps(DRAWN))
        .replace("MERMAID", _mermaid_js().as_uri()),  # type: ignore[union-attr]
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            _chromium() or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=60000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    found = re.search(r'<pre id="out">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    results = json.loads(html.unescape(found.group(1)))
    assert results.pop("bindestreg").startswith("fejl")  # Mermaid does refuse a hyphen in an id
    drawn = {name: results.pop("svg:" + name) for name in DRAWN}
    assert {name: r for name, r in results.items() if r != "ok"} == {}
    assert len(results) == len(bundled_guides()) + 1
    # drawn, the labels read as written: titles, themes, and the conditions with : ; " <
    for name, svg in drawn.items():
        assert svg.startswith("<svg"), svg[:300]
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg)).split())
        flow = flow_of(
            find_guide(str(FIXTURES / "diagram" / "skaev.yaml"))
            if name == "skaev"
            else find_guide(name)
        )
        for title in flow.titles.values():
            assert title in text, (name, title)
        for edge in flow.edges:
            assert edge.label in text, (name, edge.label)
