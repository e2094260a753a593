"""axe-core in every page the browser tests visit: WCAG 2.2 AA, zero violations, asserted.

axe-core comes from the npm registry once, at set-up (``make setup`` or the first browser
test session), into ``.tools/axe``; nothing is fetched while the tests run. Every context the
``new_page`` fixture opens gets axe as an init script: after each page load and each
client-side navigation, once the page has stopped changing, axe runs and reports what it
finds back to Python. The fixture fails the test on any violation. A test that opens a
dialog or shows errors calls ``check_axe(page)`` to check that state too.
"""

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

AXE_VERSION = "4.10.3"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ROOT = Path(__file__).resolve().parents[2]
AXE_DIR = ROOT / ".tools" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"

_RUNNER = """
(() => {
  if (window.top !== window) { return; }
  const options = {runOnly: {type: "tag", values: %(tags)s}, resultTypes: ["violations"]};
  let timer = null, chain = Promise.resolve(), lastUrl = null;
  async function once() {
    try {
      const result = await window.axe.run(document, options);
      const found = result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " +
                                        (n.failureSummary || "").split("\\n").slice(1, 2).join(""))}));
      await window.__axeReport(location.pathname + location.search, found);
    } catch (e) { /* a page torn down mid-run is checked on its next load */ }
  }
  function run() { chain = chain.then(once); return chain; }
  function schedule() { clearTimeout(timer); timer = setTimeout(run, 900); }
  window.__axeCheckNow = run;
  function watch() {
    new MutationObserver(() => {
      if (location.href !== lastUrl) { lastUrl = location.href; schedule(); }
    }).observe(document.documentElement, {subtree: true, childList: true});
    lastUrl = location.href;
    schedule();
  }
  window.addEventListener("load", watch);
})();
"""


def ensure_axe() -> Path:
    """axe-core's script, installed from the npm registry on first use (pinned)."""
    if not AXE_JS.exists():
        subprocess.run(["npm", "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund", "--no-save",
                        f"axe-core@{AXE_VERSION}"], check=True, capture_output=True)
    return AXE_JS


@dataclass
class AxeFindings:
    """Every violation reported in one browser context, by page."""

    found: list[tuple[str, dict]] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)

    def record(self, url: str, violations: list[dict]) -> None:
        self.checked.add(url)
        for violation in violations:
            if (url, violation["id"]) not in {(u, v["id"]) for u, v in self.found}:
                self.found.append((url, violation))

    def report(self) -> str:
        return "\n".join(f"{url}: {v['id']} ({v['impact']}) {v['help']}\n    " + "\n    ".join(v["nodes"])
                         for url, v in self.found)


def watch_context(context) -> AxeFindings:
    """Run axe in every page of ``context`` after it settles; the findings collect here."""
    findings = AxeFindings()
    context.expose_function("__axeReport", findings.record)
    context.add_init_script(path=str(ensure_axe()))
    context.add_init_script(_RUNNER % {"tags": json.dumps(TAGS)})
    context._axe_findings = findings
    return findings


def check_axe(page) -> None:
    """Check the page as it is now (a dialog open, errors shown): zero violations so far in this context."""
    findings: AxeFindings | None = getattr(page.context, "_axe_findings", None)
    if findings is None:
        findings = watch_context(page.context)
        page.add_script_tag(path=str(ensure_axe()))
        page.add_script_tag(content=_RUNNER % {"tags": json.dumps(TAGS)})
    findings.checked.clear()
    page.evaluate("() => window.__axeCheckNow()")
    assert findings.checked, f"axe-core did not run on {page.url}"
    assert not findings.found, "axe-core found WCAG 2.2 AA violations:\n" + findings.report()


def assert_no_violations(context) -> None:
    """What the fixture asserts when a test's contexts close."""
    findings: AxeFindings | None = getattr(context, "_axe_findings", None)
    if findings is not None and findings.found:
        raise AssertionError("axe-core found WCAG 2.2 AA violations:\n" + findings.report())
