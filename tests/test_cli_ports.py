"""`bantin serve` and `bantin edit` on a port in use (an editor's trial, session 34): they built
the whole site, then ended in a Python traceback (`OSError: [Errno 98]`). Now they say so in
Vietnamese before building anything, as `bantin serve-site` does."""

from __future__ import annotations

import socket

import pytest

from bantin.adapter import engine
from bantin.cli import main
import bantin.cli.editing as editing
from sitekit import article, write_site


@pytest.fixture
def taken():
    """A port something already listens on, as a `bantin serve` left open in another window."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


@pytest.mark.parametrize("command", ["serve", "edit"])
def test_a_port_in_use_is_said_before_the_build(tmp_path, monkeypatch, capsys, taken, command):
    root = write_site(tmp_path / "s", {"tin-tuc/bai.md": article("Bài")})
    monkeypatch.chdir(root)
    started = []
    monkeypatch.setattr(engine, "serve", lambda *a, **k: started.append("the build and preview"))
    monkeypatch.setattr(editing, "start_server", lambda *a, **k: started.append("decap-server"))
    code = main([command, "-a", f"127.0.0.1:{taken}"])
    err = capsys.readouterr().err
    assert code == 1 and started == [], (started, err)
    assert f"lỗi: không mở được 127.0.0.1:{taken}" in err and "cổng đang bận" in err
    assert f"`bantin {command} -a 127.0.0.1:{taken + 1}`" in err and "Traceback" not in err


def test_a_free_port_goes_on_to_the_preview(tmp_path, monkeypatch, capsys):
    root = write_site(tmp_path / "s", {"tin-tuc/bai.md": article("Bài")})
    monkeypatch.chdir(root)
    started = []
    monkeypatch.setattr(engine, "serve", lambda *a, **k: started.append(a[1]))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main(["serve", "-a", f"127.0.0.1:{port}"]) == 0 and started == [f"127.0.0.1:{port}"]


@pytest.mark.parametrize("address, says", [("0.0.0.0:99999", "cổng là một số từ 1 tới 65535"),
                                           ("127.0.0.1:tam", "cổng là một số từ 1 tới 65535"),
                                           ("192.0.2.55:8000", "192.0.2.55 không phải địa chỉ của máy này")])
def test_a_wrong_address_is_said_before_the_build(tmp_path, monkeypatch, capsys, address, says):
    """A hostile review (session 34): port 99999 ended in an OverflowError after the build, and an
    address of another computer was called a busy port."""
    root = write_site(tmp_path / "s", {"tin-tuc/bai.md": article("Bài")})
    monkeypatch.chdir(root)
    started = []
    monkeypatch.setattr(engine, "serve", lambda *a, **k: started.append("the build"))
    assert main(["serve", "-a", address]) == 1 and started == []
    err = capsys.readouterr().err
    assert says in err and "cổng đang bận" not in err and "Traceback" not in err, err
