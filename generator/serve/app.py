"""The web app of ``reportgen serve``: the dashboard, one report's form with
live checks and preview, saving back to the YAML, rendering and downloads.

Pages are Jinja templates (``pages/``, autoescaped, in Jinja's sandbox);
the browser side is htmx (vendored in ``static/``) and a few lines of our
own script that put each finding beside its field. Every file a request
names goes through ``Folder.resolve``; every request that changes
something carries the run's token (``safety.Guard``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from generator.errors import UserError
from generator.render.writers import FORMATS
from generator.serve import live
from generator.serve.dashboard import Dashboard, summary
from generator.serve.folder import Folder, OutsideFolder
from generator.serve.form import apply_fields, build_form, input_schema, new_item_at
from generator.serve.safety import MAX_BODY, TOKEN_HEADER, Guard, new_token
from generator.serve.yamledit import ConflictError, YamlDocument, read_for_edit, save

HERE = Path(__file__).parent
MEDIA = {  # of each format in FORMATS
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def _pages() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(HERE / "pages"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = lambda name: quote(str(name))
    env.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
    return env


class Server:
    """The app's state: the folder, the run's token, the dashboard's rows."""

    def __init__(self, folder: Path, token: str | None = None, allowed_hosts: list[str] | None = None) -> None:
        self.folder = Folder(folder)
        self.token = token or new_token()
        self.dashboard = Dashboard(self.folder)
        self.pages = _pages()
        self.allowed_hosts = allowed_hosts or ["127.0.0.1", "localhost", "[::1]"]

    # --- helpers ------------------------------------------------------------
    def page(self, template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
        """A rendered page or fragment."""
        html = self.pages.get_template(template).render(token=self.token, token_header=TOKEN_HEADER, folder=self.folder.root, **context)
        # A lone surrogate ("\ud800" written in the YAML) cannot be sent as UTF-8;
        # validation names it, the page shows a replacement character.
        return HTMLResponse(html.encode("utf-8", "replace"), status_code=status, headers=headers)

    def message(self, text: str, status: int, *, kind: str = "error", reload: str = "", request: Request | None = None) -> HTMLResponse:
        """A message for the page's status area (an htmx request) or, for a
        page the browser asked for itself, a page of its own."""
        return self.page(
            "message.html" if request is not None and "hx-request" not in request.headers else "_message.html",
            status=status,
            headers={"HX-Retarget": "#status", "HX-Reswap": "innerHTML"},
            text=text,
            kind=kind,
            reload=reload,
        )

    def resolve(self, request: Request) -> Path:
        """The input the URL names (``OutsideFolder`` otherwise)."""
        return self.folder.resolve(request.path_params["name"])

    async def form_items(self, request: Request) -> list[tuple[str, str]]:
        """The posted form's fields, as (name, value) pairs."""
        form = await request.form(max_fields=20_000, max_part_size=MAX_BODY)
        return [(k, v) for k, v in form.multi_items() if isinstance(v, str)]

    async def posted(self, request: Request, path: Path) -> tuple[YamlDocument, dict[str, str]]:
        """The form as posted: the YAML it was built from with every changed
        field written in, and the other fields (token, operation)."""
        items = await self.form_items(request)
        fields = dict(items)
        doc = YamlDocument(fields.get("yaml", ""), path.name)
        try:
            apply_fields(doc, items)
        except ValueError:
            raise UserError(
                "表单无法把填写的内容写回文件：文件中这一部分的写法不是表单能修改的形式",
                file=path.name,
                hint="请用文本编辑器按“检查”列出的错误改正这一部分，再刷新本页。",
            ) from None
        return doc, fields

    def form_context(self, path: Path, text: str, token: str) -> dict[str, Any]:
        """Everything the report's form needs: its parts, findings, preview."""
        result = live.check_text(path, text)
        parts = build_form(YamlDocument(text, path.name), result.catalog)
        return {"name": self.folder.name_of(path), "text": text, "file_token": token, "parts": parts, "result": result}

    # --- pages --------------------------------------------------------------
    async def home(self, request: Request) -> Response:
        rows = self.dashboard.rows()
        return self.page("dashboard.html", rows=rows, summary=summary(rows))

    async def report(self, request: Request) -> Response:
        path = self.resolve(request)
        text, token = read_for_edit(path)
        try:
            context = self.form_context(path, text, token)
        except UserError as error:  # YAML the form cannot read: say where, as validate does
            return self.page("unreadable.html", status=422, name=self.folder.name_of(path), findings=error.findings)
        return self.page("report.html", **context)

    async def validate(self, request: Request) -> Response:
        path = self.resolve(request)
        result = live.check_text(path, read_for_edit(path)[0])
        return self.page("validate.html", name=self.folder.name_of(path), result=result)

    # --- the form's requests ------------------------------------------------------
    async def check(self, request: Request) -> Response:
        """While the clerk types: findings and preview of the form as it is."""
        path = self.resolve(request)
        doc, _ = await self.posted(request, path)
        return self.page("_checked.html", result=live.check_text(path, doc.text()))

    async def edit(self, request: Request) -> Response:
        """Add, remove or move a list item; the form comes back rebuilt."""
        path = self.resolve(request)
        doc, fields = await self.posted(request, path)
        op, _, at = fields.get("op", "").partition(":")
        try:
            where = tuple(json.loads(at))
        except ValueError:
            return self.message("无法识别的操作。", 400)
        if op == "add":
            doc.append(where, _new_item_for(where))
        elif op == "remove":
            doc.remove(where)
        elif op in ("up", "down"):
            doc.move(where, -1 if op == "up" else 1)
        else:
            return self.message("无法识别的操作。", 400)
        return self.page("_formswap.html", **self.form_context(path, doc.text(), fields.get("file_token", "")))

    async def save(self, request: Request) -> Response:
        """Write the form back to the YAML, unless the file changed on disk."""
        path = self.resolve(request)
        doc, fields = await self.posted(request, path)
        text = doc.text()
        try:
            token = save(path, text, fields.get("file_token", ""))
        except ConflictError as error:
            return self.message(error.finding.message + "。" + error.finding.hint, 409, reload=self.folder.name_of(path))
        except OSError as error:
            from generator.errors import reason

            return self.message(f"保存失败：{reason(error)}。表单中的内容还在，请处理后再点“保存”。", 500)
        self.dashboard.forget(path)
        context = self.form_context(path, text, token)
        return self.page("_formswap.html", saved=True, **context)

    # --- drafts ------------------------------------------------------------
    async def render(self, request: Request) -> Response:
        """Render every format into the folder's output (from the dashboard)."""
        from generator.pipeline import render_file

        path = self.resolve(request)
        formats = [f for f in FORMATS if f != "pdf" or _has_libreoffice()]
        try:
            result = render_file(path, self.folder.output_for(path), formats)
        except UserError as error:
            text = "；".join(f.message for f in error.findings[:3])
            self.dashboard.forget(path)
            return self.message(f"{self.folder.name_of(path)}：未生成：{text}", 422)
        self.dashboard.forget(path)
        rows = self.dashboard.rows()
        written = "、".join(p.name for p in result.written)
        return self.page("_rendered.html", rows=rows, summary=summary(rows), text=f"已生成：{written}")

    async def download(self, request: Request) -> Response:
        """One format of the saved input, rendered in memory."""
        from generator.pipeline import refuse_if_not_ready, render_formats

        path = self.resolve(request)
        fmt = request.query_params.get("format", "docx")
        if fmt not in FORMATS:
            return self.message(f"不支持的格式：{fmt}", 400, request=request)
        try:
            checked = live.check_text(path, read_for_edit(path)[0]).checked
            if checked is None:
                raise UserError("输入文件有错误，请先在表单中改正并保存")
            refuse_if_not_ready(checked, strict=False)
            _, rendered = render_formats(checked, [fmt])
        except UserError as error:
            return self.message("无法生成：" + "；".join(f.message for f in error.findings[:3]), 422, request=request)
        filename = f"{path.stem}.{fmt}"
        return Response(
            rendered[fmt],
            media_type=MEDIA[fmt],
            headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
        )


def _new_item_for(where: tuple) -> dict[str, Any]:
    """A new item for the list at ``where``, as the schema describes it."""
    return new_item_at(input_schema(), where)


def _has_libreoffice() -> bool:
    from generator.render.writers.pdf import find_soffice

    try:
        find_soffice()
    except UserError:
        return False
    return True


def create_app(folder: Path, *, token: str | None = None, allowed_hosts: list[str] | None = None) -> Starlette:
    """The app over ``folder``."""
    server = Server(folder, token, allowed_hosts)

    async def refused(request: Request, exc: Exception) -> Response:
        return server.message(f"{exc.finding.message}：{exc.finding.file}", 403, request=request)  # type: ignore[attr-defined]

    async def unreadable(request: Request, exc: Exception) -> Response:
        findings = exc.findings  # type: ignore[attr-defined]
        return server.message("；".join(f.format().replace("\n    ", "") for f in findings[:3]), 422, request=request)

    routes = [
        Route("/", server.home),
        Route("/report/{name:path}", server.report),
        Route("/validate/{name:path}", server.validate),
        Route("/download/{name:path}", server.download),
        Route("/api/check/{name:path}", server.check, methods=["POST"]),
        Route("/api/edit/{name:path}", server.edit, methods=["POST"]),
        Route("/api/save/{name:path}", server.save, methods=["POST"]),
        Route("/render/{name:path}", server.render, methods=["POST"]),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=server.allowed_hosts),
            Middleware(Guard, token=server.token),
        ],
        exception_handlers={OutsideFolder: refused, UserError: unreadable},
    )
    app.state.server = server
    return app


__all__ = ["create_app", "Server"]
