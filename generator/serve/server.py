"""Starting ``reportgen serve``: the address, a free port, the browser.

By default the app listens on 127.0.0.1 only, on a port the system says is
free; another address (a county's office network) needs ``--host`` and is
announced with a warning, since anyone who can reach it can then read and
change the folder's inputs.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

LOCAL_HOST = "127.0.0.1"


@dataclass(frozen=True)
class Plan:
    """Where the server will listen and what the clerk is told."""

    host: str
    port: int
    url: str
    warning: str = ""  # non-empty when listening beyond this computer


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str) -> int:
    """A port nothing listens on now (the system picks it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host.strip("[]"), 0))
        return int(probe.getsockname()[1])


def plan(host: str, port: int | None, token: str) -> Plan:
    """The address to listen on and the page to open."""
    if port:
        free = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        with free:
            free.bind((host.strip("[]"), port))  # OSError now, in the clerk's words, not from uvicorn later
    port = port or free_port(host)
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    warning = ""
    if not is_loopback(host):
        warning = (
            f"警告：正在监听 {host}，同一网络中能访问这台电脑的人都可以打开、修改这个文件夹中的输入文件。"
            "只在可信的单位内网中这样做，用完请及时关闭（Ctrl-C）。"
        )
        if host in ("0.0.0.0", "::"):
            shown = LOCAL_HOST
    return Plan(host=host, port=port, url=f"http://{shown}:{port}/", warning=warning)


def allowed_hosts(host: str) -> list[str]:
    """Host names the app answers to: this computer's, and the one given to --host."""
    names = ["127.0.0.1", "localhost", "[::1]"]
    if not is_loopback(host):
        names = ["*"] if host in ("0.0.0.0", "::") else [*names, host.strip("[]")]
    return names


def run(folder: Path, host: str, port: int | None, *, open_browser: bool, say: Callable[[str], None]) -> None:
    """Serve ``folder`` until Ctrl-C."""
    import uvicorn

    from generator.serve.app import create_app
    from generator.serve.safety import new_token

    token = new_token()
    where = plan(host, port, token)
    app = create_app(folder, token=token, allowed_hosts=allowed_hosts(host))
    if where.warning:
        say(where.warning)
    say(f"reportgen serve：{folder.resolve()}\n在浏览器中打开 {where.url}  （按 Ctrl-C 停止）")
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(where.url,)).start()
    uvicorn.run(app, host=host.strip("[]"), port=where.port, log_level="warning", server_header=False)
