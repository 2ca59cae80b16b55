"""The background line writer behind the decision log and the canary ledger."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from distillwatch.appender import LineAppender


def test_lines_from_many_threads_arrive_whole_and_in_order(tmp_path: Path) -> None:
    out = LineAppender(tmp_path / "sub" / "log.jsonl")

    def writer(t: int) -> None:
        for i in range(2000):
            out.append(f"{t}:{i}:" + "x" * (i % 97) + "\n")

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert out.flush()
    lines = (tmp_path / "sub" / "log.jsonl").read_text().splitlines()
    assert len(lines) == 8000 and out.written == 8000 and out.lost == 0
    for t in range(4):
        mine = [line.split(":") for line in lines if line.startswith(f"{t}:")]
        assert [int(i) for _, i, _ in mine] == list(range(2000))
        assert all(len(x) == int(i) % 97 for _, i, x in mine)
    out.close()


def test_close_writes_everything_and_refuses_more(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text("old\n")
    out = LineAppender(path)
    for i in range(500):
        out.append(f"{i}\n")
    out.close()
    assert path.read_text().splitlines() == ["old", *map(str, range(500))]
    with pytest.raises(ValueError, match="closed"):
        out.append("late\n")
    assert out.flush()  # nothing left to wait for


def test_a_failing_disk_is_logged_and_counted(caplog: pytest.LogCaptureFixture) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    out = LineAppender("/dev/full", name="decision")
    with caplog.at_level(logging.ERROR):
        out.append("a\n")
        out.append("b\n")
        assert out.flush()
    out.close()
    assert out.lost >= 1 and out.written == 0
    assert "decision log /dev/full: could not write" in caplog.text


def test_lines_queued_at_exit_are_written(tmp_path: Path) -> None:
    path = tmp_path / "exit.jsonl"
    code = (
        "from distillwatch.appender import LineAppender\n"
        f"out = LineAppender({str(path)!r})\n"
        "for i in range(20000):\n"
        "    out.append(f'{i}\\n')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert path.read_text().splitlines() == [str(i) for i in range(20000)]


def test_a_bad_path_fails_at_start(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(OSError):
        LineAppender(tmp_path / "file" / "log.jsonl")
