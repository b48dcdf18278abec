"""reportgen serve in a real browser: Playwright drives the system's
Chromium (Debian's package; .ci/run installs it) against the app served
by uvicorn on 127.0.0.1.

Every wait is on a condition in the page (Playwright's ``expect``) with a
bounded timeout, never a sleep. With REPORTGEN_SCREENSHOTS=1 the tests
also write the README's screenshots (docs/serve-*.png).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.serve.app import create_app
from tests.helpers import REPO

from playwright.sync_api import expect, sync_playwright  # pip install -e '.[test]'; never skipped

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("REPORTGEN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TIMEOUT_MS = 15_000  # a bound on every wait; a slow CI machine is still far inside it
SCREENSHOTS = os.environ.get("REPORTGEN_SCREENSHOTS") == "1"


# The form checks what the clerk types once they pause this long (its
# hx-trigger delay). The page runs on Playwright's clock, and a test moves
# that clock past the pause rather than waiting it out.
PAUSE_MS = max(int(ms) for ms in re.findall(r"delay:(\d+)ms", (REPO / "generator" / "serve" / "pages" / "report.html").read_text(encoding="utf-8")))


def comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium), as .ci/run does")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "county"
    shutil.copytree(REPO / "inputs" / "examples", root)
    shutil.copytree(REPO / "templates" / "localities", root / "templates" / "localities")
    return root


@pytest.fixture
def url(folder: Path) -> Iterator[str]:
    """The app over ``folder``, served by uvicorn in a thread."""
    import uvicorn

    # Port 0: the system gives the listening socket a free port, so tests
    # running at once (pytest-xdist workers) never race for one.
    server = uvicorn.Server(uvicorn.Config(create_app(folder), host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.02)  # polling a condition with a deadline, not a fixed wait
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=TIMEOUT_MS / 1000)


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.clock.install()  # the page's timers run with the real time, and on when a test moves them
    yield page
    context.close()


def paused(page) -> None:
    """The clerk stops typing: the form's check goes out."""
    page.clock.run_for(PAUSE_MS)


def test_a_clerk_fills_a_metric_and_a_measure_and_saves(folder: Path, url: str, page) -> None:
    path = folder / "zhangqi-2023.yaml"
    before = path.read_text(encoding="utf-8")
    (folder / "towns").mkdir()
    (folder / "towns" / "某某镇-2024.yaml").write_text(
        "report:\n  locality: 某某镇\n  level: 镇\n  year: 2024\nmetrics:\n  调解受理: 50\n  调解成功: 60\n", encoding="utf-8"
    )
    page.goto(url)
    # the bundled examples (the four invented ones render without gaps) and the town added above
    expect(page.locator("#summary")).to_have_text("11个单位：已完成7，有错误1，待填3")
    expect(page.locator('tr[data-name="towns/某某镇-2024.yaml"] .problem')).to_contain_text("“调解成功”（60）大于“受理矛盾纠纷”（50）")
    if SCREENSHOTS:
        page.screenshot(path=str(REPO / "docs" / "serve-dashboard.png"))

    page.get_by_role("link", name="zhangqi-2023.yaml").click()
    expect(page.locator("#preview")).to_contain_text("合法性审查行政机关合同51份")

    # A metric changed: the preview follows as the clerk types.
    page.locator('[data-path="metrics.合同审查.value"]').fill("60")
    paused(page)
    expect(page.locator("#preview")).to_contain_text("合法性审查行政机关合同60份")

    # A value that contradicts another: the finding appears beside the field, and goes when fixed.
    beside = page.locator('tr[data-metric="调解成功"] ul.slot li.finding.error')
    page.locator('[data-path="metrics.调解成功.value"]').fill("990")
    paused(page)
    expect(beside).to_contain_text("“调解成功”（990）大于“受理矛盾纠纷”（980）")
    expect(page.locator("#counts")).to_contain_text("错误 1")
    page.locator('[data-path="metrics.调解成功.value"]').fill("")
    paused(page)
    expect(beside).to_have_count(0)
    expect(page.locator("#counts")).to_contain_text("错误 0")

    # A measure added: a new item with its fields; the preview shows it.
    page.locator('fieldset[data-path="measures"] > button.add').click()
    item = page.locator('.item[data-path="measures[6]"]')
    expect(item).to_be_visible()
    page.locator('[data-path="measures[6].area"]').select_option("执法")
    page.locator('[data-path="measures[6].heading"]').fill("规范执法新举措")
    page.locator('[data-path="measures[6].text"]').fill("全年开展行政执法案卷评查两次。")
    paused(page)
    expect(page.locator("#preview")).to_contain_text("规范执法新举措。全年开展行政执法案卷评查两次。")
    if SCREENSHOTS:
        page.locator('[data-path="metrics.调解成功.value"]').fill("990")
        paused(page)
        expect(beside).to_be_visible()
        beside.evaluate("element => element.scrollIntoView({block: 'center'})")
        page.screenshot(path=str(REPO / "docs" / "serve-form.png"))
        page.locator('[data-path="metrics.调解成功.value"]').fill("")
        paused(page)
        expect(beside).to_have_count(0)

    page.get_by_role("button", name="保存").click()
    expect(page.locator("#status")).to_contain_text("已保存")
    after = path.read_text(encoding="utf-8")
    assert "  合同审查: 60\n" in after
    assert "  - area: 执法\n    heading: 规范执法新举措\n    text: 全年开展行政执法案卷评查两次。\n" in after
    assert "  调解成功:" not in after
    assert comments(after) == comments(before)

    # The saved file reads back as the form showed it.
    page.reload()
    expect(page.locator('[data-path="metrics.合同审查.value"]')).to_have_value("60")


def test_an_edit_conflicting_with_the_file_on_disk_is_refused(folder: Path, url: str, page) -> None:
    path = folder / "zhangqi-2023.yaml"
    page.goto(url + "report/zhangqi-2023.yaml")
    expect(page.locator("#preview")).to_contain_text("合法性审查行政机关合同51份")
    elsewhere = path.read_text(encoding="utf-8").replace("  征求意见: 2\n", "  征求意见: 3   # 在编辑器中改的\n")
    path.write_text(elsewhere, encoding="utf-8")

    page.locator('[data-path="metrics.合同审查.value"]').fill("60")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#status")).to_contain_text("文件在表单打开之后被修改过")
    assert path.read_text(encoding="utf-8") == elsewhere
    expect(page.locator('[data-path="metrics.合同审查.value"]')).to_have_value("60")  # what was typed is still there

    page.get_by_role("link", name="重新载入").click()
    expect(page.locator('[data-path="metrics.征求意见.value"]')).to_have_value("3")


def test_a_path_out_of_the_folder_is_refused(url: str, page) -> None:
    for route in ("report/..%2F..%2F..%2Fetc%2Fpasswd", "download/%2Fetc%2Fpasswd?format=txt"):
        response = page.goto(url + route)
        assert response is not None and response.status == 403
        expect(page.locator("body")).to_contain_text("只能打开本文件夹中的输入文件")
        assert "root:" not in page.content()
