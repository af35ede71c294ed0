"""argparse in Vietnamese: usage, help titles and errors of every `bantin` subcommand.

Editors read these messages; argparse's English "usage:" and "error: the following
arguments are required" are reworded, anything else is shown as argparse wrote it
(control characters made visible). Exit code 2 for a usage error, as argparse does.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Sequence

from bantin.problems import visible


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help with a Vietnamese "usage:" line."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


# argparse's own error messages (Python 3.11), in Vietnamese; others are shown as they are.
_ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (.+)"), "thiếu tham số bắt buộc {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "không hiểu tham số {0}"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "không dùng được {0} cùng với {1}"),
    (re.compile(r"argument (\S+): expected one argument"), "sau {0} phải ghi một giá trị"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), "tùy chọn {0} không rõ: có thể là {1}"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
     "{0} không nhận giá trị {1}; chọn một trong {2}"),
    (re.compile(r"argument (\S+): invalid (\S+) value: (.+)"), "giá trị {2} của {0} không hợp lệ"),
    (re.compile(r"argument (\S+): ignored explicit argument (.+)"), "{0} không nhận giá trị {1}"),
    (re.compile(r"argument (\S+): expected (.+) arguments?"), "sau {0} thiếu giá trị"),
)


class VietnameseParser(argparse.ArgumentParser):
    """An argument parser whose help, usage and errors are in Vietnamese."""

    def __init__(self, **kwargs) -> None:
        super().__init__(formatter_class=HelpFormatter, add_help=False, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="hiện hướng dẫn này rồi thoát")

    def error(self, message: str):
        for pattern, text in _ARGPARSE_ERRORS:
            match = pattern.fullmatch(message)
            if match:
                message = text.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {visible(message)} → Cách sửa: xem `{self.prog} --help`\n")


def parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace | int:
    """Parsed arguments, or the exit code argparse chose (usage error 2, --help 0)."""
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
