"""The PDF writer: the .docx laid out by LibreOffice.

``soffice --headless --convert-to pdf`` runs in a temporary folder with a
profile of its own (so parallel runs do not collide) and a time limit.

The .docx names the faces a government PC has; a Linux or CI machine has
none of them, so LibreOffice runs under a fontconfig configuration that
maps each to a free font (``fonts.conf`` beside this module, read before
the system's own configuration):

* 仿宋_GB2312, 仿宋, FangSong (body)  → Noto Serif CJK SC (fonts-noto-cjk)
* 楷体_GB2312, 楷体, KaiTi （一）      → AR PL UKai CN (fonts-arphic-ukai)
* 黑体, SimHei 一、                   → Noto Sans CJK SC (fonts-noto-cjk)
* 方正小标宋简体 (title)              → Noto Serif CJK SC Bold (fonts-noto-cjk)
* 宋体, SimSun (page numbers)        → Noto Serif CJK SC (fonts-noto-cjk)
* Times New Roman (digits, Latin)    → Liberation Serif (fonts-liberation2),
  else Noto Serif CJK SC

Debian has no free FangSong face with the simplified characters
(cwTeX FangSong covers traditional ones only), hence the Song face for
仿宋. Install: ``apt-get install libreoffice-writer-nogui fonts-noto-cjk
fonts-arphic-ukai fonts-liberation2``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from generator.render.document import Document
from generator.errors import OutputError, UserError
from generator.render.writers import docx

TIMEOUT_SECONDS = 180
FONT_MAPPING = Path(__file__).with_name("fonts.conf")  # shipped as package data
REQUIRED_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN")
INSTALL_HINT = (
    "在 Debian/Ubuntu 上安装：sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk "
    "fonts-arphic-ukai fonts-liberation2；其他系统请安装 LibreOffice 并确保 soffice 在 PATH 中。"
    "也可以只生成 .docx，再用 Word 或 WPS 另存为 PDF。"
)


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as PDF bytes, through the .docx writer and LibreOffice."""
    return render_many({"report": document}, reference=reference)["report"]


def render_many(documents: dict[str, Document], *, reference: Path | None = None) -> dict[str, bytes]:
    """Each document (by a name that is a plain file stem) as PDF bytes,
    laid out in one LibreOffice run: its start, a second or so, is paid once.

    Each is laid out as in a run of its own; the first also has its bytes,
    the others may differ in how the embedded font subsets are encoded."""
    soffice = find_soffice()
    pdfs = convert_many({name: docx.render(d, reference=reference) for name, d in documents.items()}, soffice=soffice)
    return {name: fix_metadata(pdfs[name], d.date) for name, d in documents.items()}


_CREATION = re.compile(rb"/CreationDate\(D:\d{14}")
# The file ID and LibreOffice's checksum of the document, both stamped anew each run.
_STAMPED = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)|(/DocChecksum\s*/)([0-9A-Fa-f]{32})")


def fix_metadata(pdf: bytes, iso_date: str | None) -> bytes:
    """Same input, same bytes: LibreOffice stamps the clock into the
    creation date, the file ID and its document checksum; put the report's
    date in the first and a hash of the rest of the file in the others. All
    keep their length, so the cross-reference offsets stay right."""
    stamp = (iso_date or "1980-01-01").replace("-", "").encode("ascii") + b"000000"
    pdf = _CREATION.sub(b"/CreationDate(D:" + stamp, pdf)
    fingerprint = hashlib.md5(_STAMPED.sub(b"", pdf)).hexdigest().upper().encode("ascii")  # noqa: S324 - an ID, not security

    def restamp(match: re.Match[bytes]) -> bytes:
        if match.group(1):
            return match.group(1) + fingerprint + match.group(3) + fingerprint + match.group(5)
        return match.group(6) + fingerprint

    return _STAMPED.sub(restamp, pdf)


def install_locations() -> list[Path]:
    """Where LibreOffice's installers put soffice without adding it to PATH:
    Program Files (64- and 32-bit, machine-wide), the user's own programs
    folder (a per-user install), and the macOS application bundle."""
    found = []
    for variable, folder in (("ProgramFiles", ""), ("ProgramW6432", ""), ("ProgramFiles(x86)", ""),
                             ("LOCALAPPDATA", "Programs")):
        base = os.environ.get(variable)
        if base:
            found.append(Path(base, folder, "LibreOffice", "program", "soffice.exe"))
    found.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return found


def find_soffice() -> str:
    """The LibreOffice executable on PATH or in its usual install folder,
    or a UserError saying how to get it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        found = next((str(path) for path in install_locations() if path.is_file()), None)
    if not found:
        raise UserError("生成 PDF 需要 LibreOffice，但没有找到 soffice 命令。", hint=INSTALL_HINT)
    return found


def font_environment(workdir: Path) -> dict[str, str]:
    """The environment for LibreOffice: our face mapping first, then the
    system's fontconfig configuration."""
    mapping = workdir / "reportgen-fonts.conf"
    mapping.write_bytes(FONT_MAPPING.read_bytes())
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    wrapper = workdir / "fonts.conf"
    wrapper.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <include>{mapping}</include>\n"
        f'  <include ignore_missing="yes">{system}</include>\n</fontconfig>\n',
        encoding="utf-8",
    )
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(wrapper)
    env["SAL_USE_VCLPLUGIN"] = "svp"  # headless, no display needed
    return env


def _check_fonts(env: dict[str, str]) -> None:
    """Refuse to render tofu: the free CJK fonts must be installed."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return  # no fontconfig tools to ask; LibreOffice will fall back
    try:
        listed = subprocess.run(
            [fc_list, ":", "family"], env=env, capture_output=True, text=True, timeout=60, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return
    families = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    missing = [f for f in REQUIRED_FAMILIES if f not in families]
    if missing:
        raise UserError(
            f"生成 PDF 所需的中文字体未安装：{'、'.join(missing)}（否则 PDF 中的汉字会显示为方框）。",
            hint=INSTALL_HINT,
        )


def _run_in_own_group(command: list[str], *, env: dict[str, str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run LibreOffice in a process group of its own: soffice starts
    children (oosplash → soffice.bin), and on a timeout or Ctrl-C the whole
    group is killed, not only the process we started."""
    process = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except BaseException:
        _kill_group(process)
        raise
    _kill_group(process)  # a child left running after soffice itself exited
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    else:  # Windows: no process groups; the process itself at least
        process.kill()
    process.communicate()


def convert_docx(data: bytes, *, soffice: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Convert .docx bytes to PDF bytes with LibreOffice."""
    return convert_many({"report": data}, soffice=soffice, timeout=timeout)["report"]


def convert_many(files: dict[str, bytes], *, soffice: str, timeout: float = TIMEOUT_SECONDS) -> dict[str, bytes]:
    """Convert .docx bytes (by a name that is a plain file stem) to PDF
    bytes, all in one LibreOffice run of at most ``timeout`` seconds."""
    if any(not re.fullmatch(r"[\w.-]+", name) or name.startswith(".") for name in files):
        raise ValueError(f"not plain file stems: {sorted(files)}")
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as tmp:
        workdir = Path(tmp)
        sources = []
        for name, data in files.items():
            sources.append(workdir / "in" / f"{name}.docx")
            sources[-1].parent.mkdir(exist_ok=True)
            sources[-1].write_bytes(data)
        env = font_environment(workdir)
        _check_fonts(env)
        command = [
            soffice,
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
            "--convert-to", "pdf:writer_pdf_Export",
            "--outdir", str(workdir / "out"),
            *map(str, sources),
        ]
        try:
            done = _run_in_own_group(command, env=env, cwd=workdir, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise OutputError(
                f"LibreOffice 转换 PDF 超时（超过 {timeout:.0f} 秒）。",
                hint="请关闭正在运行的 LibreOffice 后重试，或先只生成 .docx。",
            ) from None
        except OSError as exc:
            raise UserError(f"无法启动 LibreOffice（{soffice}）：{exc}", hint=INSTALL_HINT) from None
        results = {name: workdir / "out" / f"{name}.pdf" for name in files}
        if done.returncode != 0 or not all(result.is_file() for result in results.values()):
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[-500:]
            raise OutputError(
                f"LibreOffice 未能把 .docx 转换为 PDF（退出码 {done.returncode}）：{detail or '无输出'}",
                hint="请确认 LibreOffice 可以正常运行（soffice --headless --version），或先只生成 .docx。",
            )
        return {name: result.read_bytes() for name, result in results.items()}
