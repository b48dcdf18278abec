"""reportgen serve through its HTTP API (starlette's TestClient): the
dashboard, live checks and preview, saving back to the YAML, and the
safety rules — files outside the folder, the token, request size, the
Host header, a file changed on disk since the form read it."""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from generator.serve.app import create_app
from generator.serve.safety import MAX_BODY, TOKEN_HEADER
from generator.serve.server import allowed_hosts, plan
from generator.serve.yamledit import read_for_edit
from tests.helpers import MINIMAL, REPO, run_cli

EXAMPLES = REPO / "inputs" / "examples"
TOKEN = "test-token"
BASE = "http://127.0.0.1"  # the app answers to this computer's names only


def field(kind: str, *path: str | int) -> str:
    """A form field's name, as the page writes it."""
    return f"{kind}:{json.dumps(list(path), ensure_ascii=False)}"


def comments(text: str) -> list[str]:
    """Every comment line of a YAML text, in order."""
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A county's folder: two towns' examples (one with a locality) and its templates."""
    root = tmp_path / "county"
    root.mkdir()
    for name in ("zhangqi-2023.yaml", "dongan-2023.yaml"):
        shutil.copy(EXAMPLES / name, root / name)
    shutil.copytree(REPO / "templates" / "localities", root / "templates" / "localities")
    return root


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(folder, token=TOKEN), base_url=BASE, headers={TOKEN_HEADER: TOKEN})


def form_of(folder: Path, name: str, **fields: str) -> dict[str, str]:
    """What the page posts: the file's text and token, and the changed fields."""
    text, token = read_for_edit(folder / name)
    return {"yaml": text, "file_token": token, **fields}


def findings(html: str, kind: str = "error") -> list[tuple[str, str]]:
    """(slot, message) of every finding of ``kind`` in a response."""
    return re.findall(rf'<li class="finding {kind}" data-slot="([^"]*)"><b>[^<]*</b> ([^<]*)', html)


# --- the dashboard ------------------------------------------------------------------


def test_dashboard_lists_every_input_with_its_state_and_a_summary(folder: Path, client: TestClient) -> None:
    (folder / "towns").mkdir()
    (folder / "towns" / "broken.yaml").write_text(MINIMAL + "metrics:\n  合同审查: -1\n", encoding="utf-8")
    (folder / "towns" / "notes.txt").write_text("不是输入", encoding="utf-8")
    page = client.get("/")
    assert page.status_code == 200
    assert "3个单位：已完成1，有错误1，待填1" in page.text
    rows = re.findall(r'<tr class="state-(\w+)" data-name="([^"]+)">', page.text)
    assert rows == [("gaps", "dongan-2023.yaml"), ("errors", "towns/broken.yaml"), ("done", "zhangqi-2023.yaml")]
    assert "东安镇" in page.text and "掌起镇" in page.text
    assert "第8行：“合同审查”的“本年度数值”不能是负数" in page.text
    assert "notes.txt" not in page.text and "locality.yaml" not in page.text


def test_dashboard_counts_paragraphs_still_last_years_words(folder: Path, client: TestClient) -> None:
    from generator.report.carried import fingerprint

    (folder / "copied.yaml").write_text(
        MINIMAL
        + "measures:\n"
        + "  - area: 执法\n    text: 去年的原文。\n    draft: 去年的原文。\n"  # a copy of the draft
        + f"  - area: 决策\n    text: 去年的另一段。\n    carried: {fingerprint('去年的另一段。')}\n"  # carried, untouched
        + f"  - area: 监督\n    text: 今年改过的一段。\n    carried: {fingerprint('去年的第三段。')}\n",  # carried, rewritten
        encoding="utf-8",
    )
    row = re.search(r'data-name="copied.yaml">(.*?)</tr>', client.get("/").text, re.S)
    assert row is not None
    errors, _, gaps, copied = re.findall(r'<td class="num">(\d+)</td>', row.group(1))
    assert (errors, gaps, copied) == ("0", "0", "2")


def test_render_from_the_dashboard_writes_drafts_and_says_when(folder: Path, client: TestClient) -> None:
    assert "未生成" in client.get("/").text
    response = client.post("/render/zhangqi-2023.yaml")
    assert response.status_code == 200
    assert "已生成：zhangqi-2023.txt" in response.text
    assert (folder / "output" / "zhangqi-2023.docx").read_bytes()[:2] == b"PK"
    row = re.search(r'data-name="zhangqi-2023.yaml">(.*?)</tr>', client.get("/").text, re.S)
    assert row is not None and re.search(r"<td>\d{4}-\d\d-\d\d \d\d:\d\d</td>", row.group(1))


def test_download_renders_the_saved_input(client: TestClient) -> None:
    response = client.get("/download/zhangqi-2023.yaml?format=docx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert "zhangqi-2023.docx" in response.headers["content-disposition"]
    assert client.get("/download/zhangqi-2023.yaml?format=exe").status_code == 400


# --- the form ---------------------------------------------------------------------


def test_the_form_follows_the_schema_with_chinese_labels_and_metrics_with_units(client: TestClient) -> None:
    page = client.get("/report/zhangqi-2023.yaml").text
    for part in ("基本信息", "指标", "主要举措", "不足", "第一责任人", "安排", "其他"):
        assert f"<h2>{part}</h2>" in page
    assert '<label for="' in page and ">层级<span class=\"required\">*</span></label>" in page
    # a metric: label from the catalog, the value as written, its unit and last year's field
    row = re.search(r'<tr data-metric="合同审查">(.*?)</tr>', page, re.S)
    assert row is not None
    assert "合法性审查行政机关合同" in row.group(1) and 'value="51"' in row.group(1)
    assert '<td class="unit">份</td>' in row.group(1)
    assert field("number", "metrics", "合同审查", "last_year").replace('"', "&#34;") in row.group(1)
    # every measure of the YAML is an item, with its area as a choice
    assert page.count('<div class="item" data-path="measures[') == 5
    assert "掌起镇2023年度法治政府建设工作情况报告" in page  # the preview


def test_a_changed_metric_changes_the_preview_and_a_finding_names_its_field(folder: Path, client: TestClient) -> None:
    form = form_of(
        folder,
        "zhangqi-2023.yaml",
        **{field("number", "metrics", "合同审查", "value"): "60", field("number", "metrics", "调解成功", "value"): "990"},
    )
    response = client.post("/api/check/zhangqi-2023.yaml", data=form)
    assert response.status_code == 200
    assert "合法性审查行政机关合同60份" in response.text
    assert ("metrics.调解成功", "第49行：“调解成功”（990）大于“受理矛盾纠纷”（980）") in findings(response.text)
    assert (folder / "zhangqi-2023.yaml").read_text(encoding="utf-8") == form["yaml"]  # nothing saved yet


def test_an_input_that_does_not_validate_stops_the_preview_and_says_why(folder: Path, client: TestClient) -> None:
    form = form_of(folder, "zhangqi-2023.yaml", **{field("number", "metrics", "合同审查", "value"): "很多"})
    response = client.post("/api/check/zhangqi-2023.yaml", data=form)
    assert "预览暂停" in response.text
    assert ("metrics.合同审查.value", "第32行：“合同审查”的“本年度数值”应填写数字") in findings(response.text)


def test_save_writes_the_values_and_keeps_every_comment_and_the_order(folder: Path, client: TestClient) -> None:
    path = folder / "zhangqi-2023.yaml"
    before = path.read_text(encoding="utf-8")
    form = form_of(
        folder,
        "zhangqi-2023.yaml",
        **{
            field("number", "metrics", "合同审查", "value"): "60",
            field("number", "metrics", "合同审查", "last_year"): "51",
            field("text", "report", "addressee"): "慈溪市人民政府",
            field("text", "measures", 1, "heading"): "打造最优法治化营商环境（改）",
        },
    )
    response = client.post("/api/save/zhangqi-2023.yaml", data=form)
    assert response.status_code == 200, response.text
    assert "已保存" in response.text
    after = path.read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    assert "  合同审查:\n    value: 60\n    last_year: 51\n" in after
    assert "  addressee: 慈溪市人民政府\n  templates: zhangqi        # 地方模板" in after  # in the model's order
    assert "    heading: 打造最优法治化营商环境（改）\n" in after
    # nothing else changed: the diff is exactly the edited lines
    assert len(after.splitlines()) == len(before.splitlines()) + 3
    assert [line for line in before.splitlines() if line not in after.splitlines()] == [
        "  合同审查: 51",
        "    heading: 打造最优法治化营商环境",
    ]


def test_a_measure_added_removed_and_moved(folder: Path, client: TestClient) -> None:
    form = form_of(folder, "zhangqi-2023.yaml")
    added = client.post("/api/edit/zhangqi-2023.yaml", data={**form, "op": 'add:["measures"]'})
    assert added.status_code == 200
    assert added.text.count('<div class="item" data-path="measures[') == 6
    new_text = re.search(r'<textarea name="yaml" hidden>(.*?)</textarea>', added.text, re.S)
    assert new_text is not None
    import html

    text = html.unescape(new_text.group(1))
    assert text.rstrip().endswith("- area: 职能") or "  - area: 职能\n" in text
    moved = client.post("/api/edit/zhangqi-2023.yaml", data={**form, "yaml": text, "op": 'up:["measures",5]'})
    text = html.unescape(re.search(r'<textarea name="yaml" hidden>(.*?)</textarea>', moved.text, re.S).group(1))  # type: ignore[union-attr]
    assert re.findall(r"^  - area: (\S+)", text, re.M)[-2:] == ["职能", "监督"]
    removed = client.post("/api/edit/zhangqi-2023.yaml", data={**form, "yaml": text, "op": 'remove:["measures",4]'})
    assert removed.text.count('<div class="item" data-path="measures[') == 5
    assert client.post("/api/edit/zhangqi-2023.yaml", data={**form, "op": "explode:[]"}).status_code == 400


# --- safety -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "towns%2F..%2F..%2Foutside.yaml", "link.yaml", "secret.txt", "missing.yaml"],
)
@pytest.mark.parametrize("route", ["/report/", "/validate/", "/download/"])
def test_no_request_reads_a_file_outside_the_folder(folder: Path, client: TestClient, route: str, name: str) -> None:
    outside = folder.parent / "outside.yaml"
    outside.write_text(MINIMAL + "# 机密\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside)
    (folder / "secret.txt").write_text("机密", encoding="utf-8")
    response = client.get(route + name)
    assert response.status_code == 403
    assert "只能打开本文件夹中的输入文件" in response.text
    assert "root:" not in response.text and "机密" not in response.text


def test_no_request_writes_a_file_outside_the_folder(folder: Path, client: TestClient) -> None:
    outside = folder.parent / "outside.yaml"
    outside.write_text(MINIMAL, encoding="utf-8")
    form = {"yaml": MINIMAL + "# 改了\n", "file_token": read_for_edit(outside)[1]}
    response = client.post("/api/save/..%2Foutside.yaml", data=form)
    assert response.status_code == 403
    assert outside.read_text(encoding="utf-8") == MINIMAL


@pytest.mark.parametrize("token", [None, "wrong", ""])
def test_a_request_without_the_token_is_refused(folder: Path, token: str | None) -> None:
    client = TestClient(create_app(folder, token=TOKEN), base_url=BASE)
    headers = {TOKEN_HEADER: token} if token is not None else {}
    form = form_of(folder, "zhangqi-2023.yaml", **{field("number", "metrics", "合同审查", "value"): "1"})
    response = client.post("/api/save/zhangqi-2023.yaml", data=form, headers=headers)
    assert response.status_code == 403
    assert "令牌" in response.text
    assert "合同审查: 51" in (folder / "zhangqi-2023.yaml").read_text(encoding="utf-8")
    assert client.post("/render/zhangqi-2023.yaml", headers=headers).status_code == 403
    assert not (folder / "output").exists()


def test_an_oversize_request_is_refused(folder: Path, client: TestClient) -> None:
    body = "yaml=" + "a" * (MAX_BODY + 1)
    response = client.post(
        "/api/check/zhangqi-2023.yaml", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413
    assert "提交的内容过大" in response.text

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(MAX_BODY // 65536 + 2):
            yield b"a" * 65536

    response = client.post(
        "/api/check/zhangqi-2023.yaml", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 413


def test_a_page_asked_for_under_another_host_name_is_refused(client: TestClient) -> None:
    # A site renamed to 127.0.0.1 (DNS rebinding) sends its own name as Host.
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_pages_forbid_scripts_from_elsewhere(client: TestClient) -> None:
    response = client.get("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert 'src="/static/htmx.min.js"' in response.text
    assert "http" not in re.sub(r"https?://(127\.0\.0\.1|localhost)", "", client.get("/static/serve.js").text)
    assert client.get("/static/htmx.min.js").text.startswith("/*! htmx 2.0.11")


def test_a_file_changed_on_disk_since_it_was_opened_is_not_overwritten(folder: Path, client: TestClient) -> None:
    path = folder / "zhangqi-2023.yaml"
    form = form_of(folder, "zhangqi-2023.yaml", **{field("number", "metrics", "合同审查", "value"): "60"})
    changed = path.read_text(encoding="utf-8").replace("  征求意见: 2\n", "  征求意见: 3   # 别人改的\n")
    path.write_text(changed, encoding="utf-8")
    response = client.post("/api/save/zhangqi-2023.yaml", data=form)
    assert response.status_code == 409
    assert "文件在表单打开之后被修改过" in response.text and "重新载入" in response.text
    assert path.read_text(encoding="utf-8") == changed


def test_a_field_the_yaml_cannot_take_is_refused_with_a_message(folder: Path, client: TestClient) -> None:
    (folder / "odd.yaml").write_text("report: 某某镇\n", encoding="utf-8")
    form = form_of(folder, "odd.yaml", **{field("text", "report", "locality"): "某某镇"})
    response = client.post("/api/save/odd.yaml", data=form)
    assert response.status_code == 422
    assert "表单无法把填写的内容写回文件" in response.text and "请用文本编辑器" in response.text
    assert (folder / "odd.yaml").read_text(encoding="utf-8") == "report: 某某镇\n"


def test_every_bad_input_opens_or_is_explained_never_a_crash(tmp_path: Path) -> None:
    """Each clerk's mistake of tests/bad_inputs: the form opens it (with its
    findings) or says why it cannot, and a check of it answers."""
    folder = tmp_path / "bad"
    shutil.copytree(REPO / "tests" / "bad_inputs", folder)
    client = TestClient(create_app(folder, token=TOKEN), base_url=BASE, headers={TOKEN_HEADER: TOKEN})
    names = sorted(p.name for p in folder.glob("*.yaml") if p.name != "expected.yaml")
    assert len(names) > 40
    statuses = {}
    for name in names:
        page = client.get(f"/report/{name}")
        statuses[name] = page.status_code
        assert page.status_code in (200, 422), name
        if page.status_code == 200:
            checked = client.post(f"/api/check/{name}", data=form_of(folder, name))
            assert checked.status_code == 200 and 'class="finding' in checked.text, name
        else:
            assert 'class="message error"' in page.text and "错误" in page.text, name  # the clerk's words, at a line
    assert client.get("/").status_code == 200
    assert 200 in statuses.values() and 422 in statuses.values()


def test_a_file_the_form_cannot_read_says_where(folder: Path, client: TestClient) -> None:
    (folder / "bad.yaml").write_text("report:\n  locality: 某某镇\n  level: [镇\n", encoding="utf-8")
    response = client.get("/report/bad.yaml")
    assert response.status_code == 422
    assert "表单无法打开" in response.text and "bad.yaml:" in response.text


# --- starting it --------------------------------------------------------------------


def test_serve_opens_the_browser_at_the_address_it_listens_on(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    import webbrowser

    import uvicorn

    from generator.serve import server

    listened: list[tuple[str, int]] = []
    opened: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **_: listened.append((host, port)))
    monkeypatch.setattr(webbrowser, "open", opened.append)

    class Now:  # the browser is opened once the server is up; here, at once
        def __init__(self, _delay: float, action, args) -> None:
            self.action, self.args = action, args

        def start(self) -> None:
            self.action(*self.args)

    monkeypatch.setattr(threading, "Timer", Now)
    said: list[str] = []
    server.run(folder, "127.0.0.1", None, open_browser=True, say=said.append)
    (host, port), = listened
    assert host == "127.0.0.1" and port > 0
    assert opened == [f"http://127.0.0.1:{port}/"]
    assert f"http://127.0.0.1:{port}/" in said[-1]
    server.run(folder, "127.0.0.1", None, open_browser=False, say=said.append)
    assert len(opened) == 1
    said.clear()
    server.run(folder, "0.0.0.0", None, open_browser=False, say=said.append)
    assert said[0].startswith("警告：正在监听 0.0.0.0") and listened[-1][0] == "0.0.0.0"


def test_binding_beyond_this_computer_warns() -> None:
    assert plan("127.0.0.1", None, "t").warning == ""
    local = plan("127.0.0.1", None, "t")
    assert local.url == f"http://127.0.0.1:{local.port}/" and local.port > 0
    wide = plan("0.0.0.0", None, "t")
    assert wide.warning.startswith("警告：正在监听 0.0.0.0")
    assert allowed_hosts("127.0.0.1") == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts("192.168.1.5") == ["127.0.0.1", "localhost", "[::1]", "192.168.1.5"]


def test_serve_on_a_file_or_a_busy_port_says_so(folder: Path, tmp_path: Path) -> None:
    result = run_cli("serve", str(folder / "zhangqi-2023.yaml"), "--no-browser")
    assert result.returncode == 1
    assert "不是一个文件夹" in result.stderr
    assert "Traceback" not in result.stderr
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        result = run_cli("serve", str(folder), "--no-browser", "--port", str(busy.getsockname()[1]))
    assert result.returncode == 1
    assert "无法在 127.0.0.1:" in result.stderr and "换一个端口" in result.stderr


def posted_as_shown(parts) -> list[tuple[str, str]]:
    """Every input of the form with the value it shows, as a browser posts it untouched."""
    out: list[tuple[str, str]] = []

    def walk(fields) -> None:
        for f in fields:
            if f.kind in ("group", "list"):
                walk(f.children)
            elif f.kind != "unsupported":
                value = f.value.replace("\n", "\r\n")  # browsers send a text area's lines so
                out.append((f.name, value if f.value or f.kind not in ("choice", "bool") else ""))

    for part in parts:
        walk(part.fields)
        for _, rows in part.metrics:
            for row in rows:
                out += [(row.value.name, row.value.value), (row.last_year.name, row.last_year.value)]
    return out


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_a_form_posted_untouched_changes_nothing(example: str) -> None:
    from generator.input.catalog import metric_catalog
    from generator.serve.form import apply_fields, build_form
    from generator.serve.yamledit import YamlDocument

    text = (EXAMPLES / example).read_text(encoding="utf-8")
    doc = YamlDocument(text)
    fields = posted_as_shown(build_form(doc, metric_catalog()))
    assert len(fields) > 100
    assert apply_fields(doc, fields) == 0
    assert doc.text() == text


def test_the_form_follows_fields_the_model_gains() -> None:
    """A field added to the model appears in the form with its label and help,
    a new top-level key in the last part; a shape with no input shows what is written."""
    import copy

    from generator.serve.form import Schema, build_form, input_schema
    from generator.serve.yamledit import YamlDocument

    raw = copy.deepcopy(dict(input_schema().root))
    raw["properties"]["layout"] = {
        "description": "版式：各部分的排列。",
        "type": "object",
        "properties": {"order": {"enum": ["纲要", "录入"], "type": "string", "description": "排列顺序：纲要或录入。"}},
    }
    raw["properties"]["extras"] = {"description": "附加信息。", "type": "object", "additionalProperties": {"type": "integer"}}
    raw["$defs"]["MeasureGroup"]["properties"]["lead"] = {"type": "string", "description": "引语，写在小节标题之后。"}
    doc = YamlDocument(MINIMAL + "measures:\n  - area: 执法\n    lead: 引语一句\nlayout:\n  order: 录入\nextras: {甲: 1}\n")
    parts = build_form(doc, {}, Schema(raw))
    other = {f.path: f for f in parts[-1].fields}
    order = other[("layout",)].children[0]
    assert (order.kind, order.label, order.value, order.options) == ("choice", "排列顺序", "录入", ("纲要", "录入"))
    assert (other[("extras",)].kind, other[("extras",)].value) == ("unsupported", "甲: 1")
    measure = next(f for f in parts[2].fields if f.path == ("measures",)).children[0]
    lead = next(f for f in measure.children if f.path == ("measures", 0, "lead"))
    assert (lead.kind, lead.label, lead.value, lead.help) == ("text", "引语", "引语一句", "引语，写在小节标题之后。")


def test_a_file_written_on_windows_keeps_its_line_ends(folder: Path, client: TestClient) -> None:
    path = folder / "crlf.yaml"
    path.write_bytes((MINIMAL + "metrics:\n  合同审查: 5   # 份\n").replace("\n", "\r\n").encode("utf-8"))
    form = form_of(folder, "crlf.yaml", **{field("number", "metrics", "合同审查", "value"): "6"})
    assert client.post("/api/save/crlf.yaml", data=form).status_code == 200
    data = path.read_bytes()
    assert b"  \xe5\x90\x88\xe5\x90\x8c\xe5\xae\xa1\xe6\x9f\xa5: 6   # \xe4\xbb\xbd\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n") == 8


def test_what_is_added_at_the_end_comes_before_the_comments_on_the_next_part() -> None:
    from generator.serve.yamledit import YamlDocument

    text = (EXAMPLES / "zhangqi-2023.yaml").read_text(encoding="utf-8")
    doc = YamlDocument(text)
    doc.append(("measures",), {"area": "执法", "heading": "新的一节"})
    doc.set(("metrics", "行政处罚决定", "value"), 5)
    after = doc.text()
    assert comments(after) == comments(text)
    assert "  - area: 执法\n    heading: 新的一节\n\n# 原文“一是……二是……三是……”连成一段" in after
    assert "  征求意见: 2\n  行政处罚决定:\n    value: 5\n\n# 各小节按原文顺序排列。\nmeasures_order: 录入\n" in after


def test_yaml_written_by_hand_survives_an_edit(tmp_path: Path) -> None:
    """Short forms, quotes, block text and lists not indented under their key stay as the clerk wrote them."""
    text = textwrap.dedent(
        """\
        report:
          locality: 某某镇   # 名称
          level: 镇
          year: 2023
        metrics:
          主动公开: "800余"
          合同审查: 51
        plans:
        - 一条安排        # 只有正文
        - heading: 小标题
          text: |
            第一段。
            第二段。
        """
    )
    from generator.serve.form import apply_fields
    from generator.serve.yamledit import YamlDocument

    doc = YamlDocument(text)
    assert doc.text() == text
    changed = apply_fields(
        doc,
        [
            (field("number", "metrics", "主动公开", "value"), "900余"),
            (field("number", "metrics", "合同审查", "value"), "51"),  # unchanged: not rewritten
            (field("paragraph", "plans", "items", 1, "text"), "第一段。\r\n第二段改了。"),
            (field("text", "plans", "items", 0, "heading"), "新小标题"),
        ],
    )
    assert changed == 3
    assert doc.text() == textwrap.dedent(
        """\
        report:
          locality: 某某镇   # 名称
          level: 镇
          year: 2023
        metrics:
          主动公开: "900余"
          合同审查: 51
        plans:
        - heading: 新小标题
          text: 一条安排  # 只有正文
        - heading: 小标题
          text: |
            第一段。
            第二段改了。
        """
    )
