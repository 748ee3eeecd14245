"""`read_at_most`: what `read(limit)` returns, without setting the limit's worth of memory aside."""

from __future__ import annotations

import io
import os
from pathlib import Path

from cpetui.ledger.load import read_at_most


def test_a_file_under_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "cissp.toml"
    path.write_bytes(b'[cycle]\nprogram = "isc2"\n')
    with open(path, "rb") as fh:
        assert read_at_most(fh, 4096) == b'[cycle]\nprogram = "isc2"\n'


def test_a_file_over_the_limit_gives_the_limit_and_no_more(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"x" * 5000)
    with open(path, "rb") as fh:
        assert read_at_most(fh, 4097) == b"x" * 4097  # one byte over: the caller knows it is too big


def test_a_file_grown_since_its_size_was_taken_is_read_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "growing.toml"
    path.write_bytes(b"y" * 3000)
    with open(path, "rb") as fh:
        # Its size as stat gave it before an editor appended to it.
        assert read_at_most(fh, 4097, size=100) == b"y" * 3000
    with open(path, "rb") as fh:
        assert read_at_most(fh, 2000, size=100) == b"y" * 2000


def test_a_stream_without_a_size_is_read_as_read_would() -> None:
    class Unsized(io.BytesIO):
        def fileno(self) -> int:
            raise OSError("no descriptor")

    assert read_at_most(Unsized(b"z" * 50), 20) == b"z" * 20
    assert read_at_most(Unsized(b"z" * 50), 80) == b"z" * 50


def test_a_pipe_reports_no_size_and_is_read_whole(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, b'title = "Webinar"\n')
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        assert read_at_most(fh, 4096) == b'title = "Webinar"\n'
