"""Locality folders: their chain (town → county → …) and their defaults.

A locality folder (``templates/localities/<slug>/``, or any folder an
input names) holds templates that override the defaults block by block
(see ``generator.render.layers``) and a ``locality.yaml`` of defaults: issuers,
addressee, guiding documents, heading wording per area, extra metric
definitions, a reference .docx. It may extend a parent folder, which may
extend another. An input names its locality in ``report.templates``;
the nearest layer's default wins over its parents', and what the input
says itself wins over all of them.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from generator.errors import Finding, InputError, UserError, display_path, quote_arg
from generator.input.areas import common_areas, editions
from generator.input.loading import Source, decode, parse_yaml, read_limited, validated
from generator.input.model import AreaDefinition, AreaId, MetricDefinition, OneOrMany, OrNone, Part, Report, Style
from generator.input.model_errors import YamlPath
from generator.input.parts import fill_years

LOCALITY_FILE = "locality.yaml"
LOCALITIES_DIR = Path("templates") / "localities"


class LocalityConfig(BaseModel):
    """地方模板文件夹的设置（locality.yaml）：本地的默认写法。输入文件中自己写了的，以输入文件为准。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Annotated[str, Field(min_length=1)] | None = None
    """地方名称，如“慈溪市”“掌起镇”（显示在提示信息中）。"""
    extends: Annotated[str, Field(min_length=1)] | None = None
    """上级地方模板：与本文件夹并列的文件夹名（如 cixi），或相对本文件夹的路径（如 ../cixi）。本地没有改写的块和默认值沿用上级的。"""
    issuers: OneOrMany | None = None
    """默认的发文机关署名，一行一个，如“掌起镇人民政府”。"""
    addressee: str | None = None
    """默认的主送机关，如“慈溪市人民政府”。"""
    guidance: OneOrMany | None = None
    """默认在开头段落引用的指导文件；可写 {年度}，生成时换成报告年度，如“《{年度}年度法治慈溪建设工作要点》”。"""
    headings: dict[AreaId, str] = {}
    """各领域小节的默认标题（输入文件中该小节没写 heading 时使用），如“执法: 深化综合行政执法改革”。"""
    parts: list[Part] | None = None
    """本地报告的一级部分及其顺序和标题（输入文件没写 parts 时使用），如 [{part: 举措, heading: 法治政府建设履职情况}, {part: 不足, heading: 存在问题}, 安排]。输入文件写了 parts 而某部分没写标题的，也用这里该部分的标题。"""
    style: Style | None = None
    """本地的排版写法：小节标题接排还是单独一行（subsections）、分条内容的写法（points）。"""
    opening_end: OrNone = None
    """开头的结束语，如“现将有关情况报告如下：”；写“无”则不加。可写 {年度}。"""
    area_definitions: list[AreaDefinition] = []
    """本地自定义的领域（纲要之外单列一节的，如“疫情防控”），本地的输入文件都可以使用。"""
    metric_definitions: list[MetricDefinition] = []
    """本地补充的指标定义（标准目录之外的指标），本地的输入文件都可以直接填写和引用。"""
    reference: Annotated[str, Field(min_length=1)] | None = None
    """生成 .docx 时使用的参考样式文档（相对本文件夹的路径，如“样式.docx”）：其中与公文样式同名的样式替换默认样式。"""


@dataclass(frozen=True)
class Layer:
    """One locality folder of a chain, with its settings."""

    folder: Path
    config: LocalityConfig
    config_file: Path | None = None
    positions: dict[YamlPath, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        """The locality's name for messages: its name, or its folder's."""
        return self.config.name or self.folder.name

    def where(self, key: str) -> tuple[str, int | None]:
        """The file and line of one setting, for messages."""
        file = display_path(self.config_file or self.folder)
        position = self.positions.get((key,))
        return file, position[0] if position else None


@dataclass(frozen=True)
class Locality:
    """A locality's chain of folders, nearest first (the defaults not included)."""

    layers: tuple[Layer, ...]

    @property
    def search_path(self) -> list[Path]:
        """The template folders, nearest first, to put before the defaults."""
        return [layer.folder for layer in self.layers]

    @property
    def label(self) -> str:
        """The chain as a clerk reads it: 掌起镇 → 慈溪市."""
        return " → ".join(layer.label for layer in self.layers)

    def origin(self, key: str) -> Layer | None:
        """The nearest layer that sets ``key`` in its locality.yaml."""
        return next((layer for layer in self.layers if getattr(layer.config, key)), None)

    def value(self, key: str) -> Any:
        """The nearest layer's setting of ``key``, or None."""
        layer = self.origin(key)
        return getattr(layer.config, key) if layer else None

    def area_definitions(self) -> list[AreaDefinition]:
        """Areas every layer defines, the nearer winning by id."""
        merged: dict[str, AreaDefinition] = {}
        for layer in reversed(self.layers):
            merged.update({a.id: a for a in layer.config.area_definitions})
        return list(merged.values())

    def style(self) -> Style:
        """Layout defaults, each setting from the nearest layer that has it."""
        merged: dict[str, Any] = {}
        for layer in reversed(self.layers):
            if layer.config.style is not None:
                merged.update(layer.config.style.model_dump(exclude_none=True))
        return Style(**merged)

    def headings(self) -> dict[str, str]:
        """Heading wording per area: each layer's, the nearer winning."""
        merged: dict[str, str] = {}
        for layer in reversed(self.layers):
            merged.update(layer.config.headings)
        return merged

    def metric_definitions(self) -> list[MetricDefinition]:
        """Extra metric definitions of every layer, the nearer winning by id."""
        merged: dict[str, MetricDefinition] = {}
        for layer in reversed(self.layers):
            merged.update({m.id: m for m in layer.config.metric_definitions})
        return list(merged.values())

    @property
    def reference(self) -> Path | None:
        """The reference .docx of the nearest layer that names one."""
        layer = self.origin("reference")
        if layer is None or layer.config.reference is None:
            return None
        path = layer.folder / layer.config.reference
        try:
            found = path.is_file()
            inside = path.resolve().is_relative_to(layer.folder)
        except (OSError, ValueError, RuntimeError):
            found = inside = False
        if found and not inside:
            file, line = layer.where("reference")
            raise UserError(
                f"参考样式文档“{layer.config.reference}”不在地方模板文件夹 {display_path(layer.folder)} 之中，已拒绝使用",
                file=file,
                line=line,
                hint="请把参考样式文档放进地方模板文件夹（不能是指向别处的链接），reference 写它的文件名。",
            )
        if not found:
            file, line = layer.where("reference")
            raise UserError(
                f"找不到参考样式文档“{layer.config.reference}”",
                file=file,
                line=line,
                hint=f"reference 写的是相对地方模板文件夹 {display_path(layer.folder)} 的路径。",
            )
        return path

    def apply(self, report: Report) -> Report:
        """The report with this locality's defaults wherever the input left a value empty."""
        info = report.report
        updates: dict[str, Any] = {}
        if not info.issuers and self.value("issuers"):
            updates["issuers"] = list(self.value("issuers"))
        if not info.addressee and self.value("addressee"):
            updates["addressee"] = self.value("addressee")
        if not info.guidance and self.value("guidance"):
            updates["guidance"] = [fill_years(g, info.year) for g in self.value("guidance")]
        end_layer = next((layer for layer in self.layers if layer.config.opening_end is not None), None)
        if info.opening_end is None and end_layer is not None:
            updates["opening_end"] = end_layer.config.opening_end
        own = {m.id for m in report.metric_definitions}
        # Appended, so the input's own definitions keep their indices (and lines) and win by id.
        extra = [m for m in self.metric_definitions() if m.id not in own]
        own_areas = {a.id for a in report.area_definitions}
        areas = [a for a in self.area_definitions() if a.id not in own_areas]
        style = self.style().model_dump(exclude_none=True)
        if report.style is not None:
            style.update(report.style.model_dump(exclude_none=True))
        return report.model_copy(
            update={
                "report": info.model_copy(update=updates),
                "metric_definitions": [*report.metric_definitions, *extra],
                "area_definitions": [*report.area_definitions, *areas],
                "style": Style(**style) if style else report.style,
                "parts": self._parts(report.parts),
            }
        )

    def _parts(self, own: list[Part] | None) -> list[Part] | None:
        """The input's part list (else the nearest layer's), each standard part
        without a heading of its own taking the locality's heading for it."""
        layer = self.origin("parts")
        house = layer.config.parts if layer and layer.config.parts else None
        if own is None:
            return house
        headings = {p.part: p.heading for p in house or () if p.part and p.heading}
        return [
            p.model_copy(update={"heading": headings[p.part]}) if p.heading is None and p.part in headings else p for p in own
        ]


# --- reading a chain ---------------------------------------------------------


def read_layer(folder: Path) -> Layer:
    """One folder and its locality.yaml (optional: a folder of templates alone is a locality too)."""
    config_file = folder / LOCALITY_FILE
    if not config_file.is_file():
        return Layer(folder=folder, config=LocalityConfig())
    file = display_path(config_file)
    if not config_file.resolve().is_relative_to(folder.resolve()):
        raise UserError(
            f"{LOCALITY_FILE} 是指向地方模板文件夹之外的链接，已拒绝读取",
            file=file,
            hint=f"请把链接换成 {LOCALITY_FILE} 文件本身。",
        )
    raw = read_limited(config_file)
    text, _ = decode(raw, file)
    data, positions, findings = parse_yaml(text, file)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError("locality.yaml 应写成“键: 值”的形式", file=file, hint="可参考 reportgen locality new 生成的示例。")
    try:
        config = validated(LocalityConfig, data, positions, findings, file)
    except InputError as error:
        # The headings' areas are said at once too (against this folder's own definitions).
        defined = [str(a.get("id")) for a in data.get("area_definitions") or () if isinstance(a, dict)]
        headings = data.get("headings") if isinstance(data.get("headings"), dict) else {}
        unknown = _unknown_heading_areas(headings, defined, file, positions)
        if not unknown:
            raise
        raise InputError(error.findings + unknown) from None
    return Layer(folder=folder, config=config, config_file=config_file, positions=positions)


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; a name the system cannot even look up (too long, …) is not."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _subfolders(path: Path) -> list[str]:
    try:
        return sorted(p.name for p in path.iterdir() if _is_dir(p))
    except OSError:
        return []


def _is_path(name: str) -> bool:
    return "/" in name or "\\" in name or name.startswith(".")


def candidate_dirs(start: Path) -> list[Path]:
    """Where a locality named by its folder name is looked for: templates/localities
    in the input's folder and each folder above it, then in the current folder."""
    start = start.resolve()
    dirs = [d / LOCALITIES_DIR for d in (start, *start.parents)]
    cwd = Path.cwd().resolve() / LOCALITIES_DIR
    return dirs + ([cwd] if cwd not in dirs else [])


def find_folder(name: str, base: Path, *, file: str, line: int | None) -> Path:
    """The folder ``name`` (a folder name, or a path relative to ``base``) stands for."""
    if _is_path(name):
        folder = Path(os.path.abspath(base / name))  # links resolved by load_chain, which confines them
        if _is_dir(folder):
            return folder
        raise UserError(f"找不到地方模板文件夹“{name}”", file=file, line=line, hint=f"路径相对于 {display_path(base)}。")
    dirs = candidate_dirs(base)
    for directory in dirs:
        if _is_dir(directory / name):
            return directory / name
    known = sorted({sub for d in dirs for sub in _subfolders(d)})
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f"是不是“{guess[0]}”？" if guess else (f"现有的地方模板：{'、'.join(known)}。" if known else "")
    hint += f"新建可运行 reportgen locality new {quote_arg(name)} --name 地方名称。"
    raise UserError(f"找不到地方模板“{name}”（在 templates/localities 中查找）", file=file, line=line, hint=hint)


def _outside_root(folder: Path, root: Path, *, file: str, line: int | None) -> UserError:
    return UserError(
        f"地方模板文件夹 {folder} 不在模板根文件夹 {display_path(root)} 之中，已拒绝使用",
        file=file,
        line=line,
        hint="地方模板及其上级都应放在同一个 templates/localities 文件夹中（不能是指向别处的链接）；"
        "extends 写与本文件夹并列的文件夹名。",
    )


def load_chain(folder: Path, root: Path | None = None) -> Locality:
    """The chain from ``folder`` up through each ``extends``; a loop or a
    missing parent is reported at the ``extends`` line that causes it.

    Locality folders come from other people, so every folder of the chain,
    links resolved, must lie inside ``root`` (by default the folder that
    holds ``folder``, e.g. ``templates/localities``): an ``extends: /`` or a
    link to ``/etc`` cannot put the machine's files on the search path.
    """
    root = (root or Path(os.path.abspath(folder)).parent).resolve()
    first = folder.resolve()
    if not first.is_relative_to(root):
        raise _outside_root(first, root, file=display_path(folder), line=None)
    layers = [read_layer(first)]
    while layers[-1].config.extends:
        child = layers[-1]
        name = child.config.extends or ""
        file, line = child.where("extends")
        parent_folder = (child.folder / name) if _is_path(name) else (child.folder.parent / name)
        if not _is_dir(parent_folder):
            siblings = [s for s in _subfolders(child.folder.parent) if s != child.folder.name]
            raise UserError(
                f"找不到上级地方模板“{name}”",
                file=file,
                line=line,
                hint=(f"与本文件夹并列的有：{'、'.join(siblings)}。" if siblings else "")
                + "extends 写上级文件夹名（与本文件夹并列），或相对本文件夹的路径。",
            )
        parent_folder = parent_folder.resolve()
        if not parent_folder.is_relative_to(root):
            raise _outside_root(parent_folder, root, file=file, line=line)
        if any(layer.folder == parent_folder for layer in layers):
            cycle = " → ".join(layer.label for layer in layers) + f" → {read_layer(parent_folder).label}"
            raise UserError(
                f"地方模板的继承关系形成了循环：{cycle}",
                file=file,
                line=line,
                hint="每个地方只能继承它的上级，请检查各 locality.yaml 中的 extends。",
            )
        layers.append(read_layer(parent_folder))
    _check_heading_areas(layers)
    return Locality(layers=tuple(layers))


def _unknown_heading_areas(
    headings: dict, defined: list[str], file: str, positions: dict[YamlPath, tuple[int, int]]
) -> list[Finding]:
    """A finding for every area given a heading that no 纲要 edition, common
    area or definition in ``defined`` has."""
    known = list(dict.fromkeys([a.id for e in editions() for a in e.areas] + [a.id for a in common_areas()] + defined))
    findings = []
    for area in headings:
        if str(area) not in known:
            position = positions.get(("headings", str(area)))
            findings.append(
                Finding(
                    "error",
                    f"“{area}”只能填写：{'、'.join(known)}",
                    file=file,
                    line=position[0] if position else None,
                    path=f"headings.{area}",
                    hint="纲要之外单列一节的领域，先在 area_definitions 中定义。",
                )
            )
    return findings


def _check_heading_areas(layers: list[Layer]) -> None:
    """Every area a layer gives a heading for exists in some 纲要 edition, the
    common areas, or the chain's area definitions."""
    defined = [a.id for layer in layers for a in layer.config.area_definitions]
    findings = [
        f
        for layer in layers
        for f in _unknown_heading_areas(
            layer.config.headings, defined, display_path(layer.config_file or layer.folder), layer.positions
        )
    ]
    if findings:
        raise InputError(findings)


def locality_for(source: Source) -> Locality | None:
    """The locality an input names in ``report.templates``, or None."""
    name = source.report.report.templates
    if not name:
        return None
    path = ("report", "templates")
    folder = find_folder(name, source.path.parent, file=str(source.path), line=source.line_of(path))
    return load_chain(folder)
