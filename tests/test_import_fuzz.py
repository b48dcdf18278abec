"""Property: whatever report text import and lint are given, they answer
with a YAML or findings, or a UserError; never another exception. The
lines are drawn from pieces of real reports (numbering, years, numbers
with units, 一是, 其中, dates, signatures) so the outline and the metrics
are exercised, not only the "no report here" refusal."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import UserError
from generator.importing.importer import import_report
from generator.lint.linting import lint_file

PIECES = [
    "一、", "二、", "三、", "（一）", "（二）", "(三)", "1.", "2、", "（1）", "一是", "二是", "三是", "其中", "包括",
    "2023年", "2024年度", "法治政府建设", "主要举措和成效", "存在的不足和原因", "下一步工作安排", "第一责任人",
    "合法性审查行政机关合同", "51份", "800余条", "约120万元", "98%", "1087.25万", "近100人", "3.5", "，", "。", "；", "：",
    "《法治政府建设实施纲要（2022—2025年）》", "国发[2015]10号", "2024年01月05日", "“七五”普法", "掌起镇人民政府",
    "2024年2月26日", "二〇二三年二月十日", "区委、区政府：", "现将有关情况报告如下：", " ", "分享到:", "首页 |",
]
LINE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
REPORT = st.lists(LINE, min_size=1, max_size=25).map("\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=REPORT)
def test_random_reports_never_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    for run in (import_report, lambda p: lint_file(p, fix=True)):
        try:
            run(path)
        except UserError:
            pass
