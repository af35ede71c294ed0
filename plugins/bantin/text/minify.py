"""Our theme's CSS and JavaScript without comments and needless spaces, as served (issue 15).

An article's first view must stay under 100 KB (DESIGN §6), and our own stylesheets and
scripts are a quarter of it written for people: long comments, indentation. The build serves
them lean; the readable sources stay in the package. Neither function is a full minifier:
each does only what it can prove safe, and returns the source unchanged when it meets
something it cannot read with certainty (an unterminated comment or string, a template
literal, a `/` that could be a division or a regular expression).

- CSS: comments go (not `/*! … */`, kept for licences), runs of spaces become one, and the
  spaces next to `{ } ; ,` and after `:` go. Strings, `url(…)` without quotes and escapes
  (`\\31 `, whose space belongs to it) are copied as they are. Nothing else is rewritten.
- JavaScript: indentation, trailing spaces, blank lines, lines that are only a `//`
  comment and block comments at the start of a line go. Line breaks stay (automatic
  semicolon insertion depends on them), as do comments after code, strings and regular
  expressions. The source is lexed to know, at every line start, that it is code and not
  inside a string or a comment.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- CSS ---------------------------------------------------------------------------------
_CSS_TIGHT_BEFORE = frozenset("{};,")
_CSS_TIGHT_AFTER = frozenset("{};,:")
_CSS_SPACE = frozenset(" \t\n\r\f")
# A comment between two characters one of which is in here can go: nothing merges across it.
# It is never whitespace either (`a/**/:hover` is not `a :hover`).
_CSS_APART = _CSS_SPACE | frozenset("{}();,:[]\"'")
_HEX = frozenset("0123456789abcdefABCDEF")
_URL = re.compile(r"url\(", re.IGNORECASE)


class _Unsafe(Exception):
    """Something the minifier cannot read with certainty: serve the source as it is."""


@lru_cache(maxsize=16)
def css(source: str) -> str:
    """`source` with comments and needless whitespace removed, or unchanged if unsure."""
    try:
        return "".join(_css_pieces(source)).strip()
    except _Unsafe:
        return source


def _css_pieces(s: str) -> list[str]:
    out: list[str] = []
    space = False  # whitespace (or a comment) seen since the last piece

    def emit(piece: str) -> None:
        nonlocal space
        if space and out and out[-1][-1] not in _CSS_TIGHT_AFTER and piece[0] not in _CSS_TIGHT_BEFORE:
            out.append(" ")
        space = False
        out.append(piece)

    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c in _CSS_SPACE:
            space = True
            i += 1
        elif s.startswith("/*", i):
            end = s.find("*/", i + 2)
            if end < 0:
                raise _Unsafe("unterminated comment")
            if s.startswith("/*!", i):
                emit(s[i:end + 2])
            elif i > 0 and s[i - 1] not in _CSS_APART and end + 2 < n and s[end + 2] not in _CSS_APART:
                emit("/**/")  # `a/**/b` is two tokens: `ab` would be one, `a b` a descendant
            i = end + 2
        elif c in "\"'":
            end = _css_string_end(s, i)
            emit(s[i:end])
            i = end
        elif c == "\\":
            end = _css_escape_end(s, i)
            emit(s[i:end])
            i = end
        elif (c in "uU" and _URL.match(s, i) and (i == 0 or not _css_name_char(s[i - 1]))
              and s[i + 4:].lstrip(" \t\n\r\f")[:1] not in ("\"", "'")):
            end = _css_url_end(s, i + 4)
            emit(s[i:end])
            i = end
        else:
            emit(c)
            i += 1
    return out


def _css_name_char(c: str) -> bool:
    return c.isalnum() or c in "-_\\" or ord(c) > 127


def _css_string_end(s: str, i: int) -> int:
    quote, j = s[i], i + 1
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
        elif c == quote:
            return j + 1
        elif c in "\n\r\f":
            raise _Unsafe("newline in a string")
        else:
            j += 1
    raise _Unsafe("unterminated string")


def _css_escape_end(s: str, i: int) -> int:
    j = i + 1
    if j >= len(s) or s[j] in "\n\r\f":
        raise _Unsafe("backslash before a line break")
    if s[j] not in _HEX:
        return j + 1
    while j < len(s) and j - i <= 6 and s[j] in _HEX:
        j += 1
    if s.startswith("\r\n", j):
        return j + 2
    return j + 1 if j < len(s) and s[j] in _CSS_SPACE else j


def _css_url_end(s: str, j: int) -> int:
    """End of an unquoted `url(…)`: comments and quotes inside it are part of the address."""
    while j < len(s):
        if s[j] == "\\":
            j = _css_escape_end(s, j)
        elif s[j] == ")":
            return j + 1
        else:
            j += 1
    raise _Unsafe("unterminated url(")


# --- JavaScript --------------------------------------------------------------------------
_JS_SPACE = frozenset(" \t\v\f\u00a0\ufeff")
# After these words a `/` starts a regular expression (`return /x/.test(s)`); after any other
# name or a number it divides.
_REGEX_AFTER = frozenset({"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
                          "case", "do", "else", "yield", "await"})


@lru_cache(maxsize=16)
def js(source: str) -> str:
    """`source` without indentation, blank lines and comments that start a line, or unchanged if unsure."""
    if any(c in source for c in "\r\u2028\u2029") or "<!--" in source or "-->" in source:
        return source  # other line ends and HTML-like comments: not worth the risk
    try:
        tokens = _js_tokens(source)
    except _Unsafe:
        return source
    lines = [_js_line(line) for line in _js_lines(tokens)]
    text = "\n".join(line for line in lines if line)
    return text + "\n" if text and source.endswith("\n") else text


def _js_lines(tokens: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Tokens by line; a block comment over several lines belongs to the line it starts on."""
    lines: list[list[tuple[str, str]]] = [[]]
    for kind, text in tokens:
        if kind == "newline":
            lines.append([])
        else:
            lines[-1].append((kind, text))
    return lines


def _js_line(line: list[tuple[str, str]]) -> str:
    """One line, its indentation and trailing spaces gone; '' when only comments were on it."""
    while line and (line[0][0] == "space" or line[0][0] == "block" and not line[0][1].startswith("/*!")):
        line = line[1:]
    while line and line[-1][0] == "space":
        line = line[:-1]
    if not line or len(line) == 1 and line[0][0] == "line":
        return ""
    text = "".join(t for _, t in line)
    return text.rstrip() if line[-1][0] == "line" else text


def _js_tokens(s: str) -> list[tuple[str, str]]:
    """(kind, text) for the whole source: space, newline, line, block, string, regex, word, punct."""
    tokens: list[tuple[str, str]] = []
    last = ""  # what came before, for `/`: "" (start), "value", "word:<keyword>", "close", "incdec", "punct"
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == "\n":
            tokens.append(("newline", c))
            i += 1
        elif c in _JS_SPACE:
            j = i
            while j < n and s[j] in _JS_SPACE:
                j += 1
            tokens.append(("space", s[i:j]))
            i = j
        elif s.startswith("//", i):
            j = s.find("\n", i)
            j = n if j < 0 else j
            tokens.append(("line", s[i:j]))
            i = j
        elif s.startswith("/*", i):
            j = s.find("*/", i + 2)
            if j < 0:
                raise _Unsafe("unterminated comment")
            tokens.append(("block", s[i:j + 2]))
            i = j + 2
        elif c == "/":
            if last in ("value", "close") or last.startswith("word:") and last[5:] not in _REGEX_AFTER:
                if last == "close" and "/" in s[i + 1:_line_end(s, i)]:
                    raise _Unsafe("`/` after `)`, `]` or `}` with another `/` on the line")
                tokens.append(("punct", c))
                last = "punct"
                i += 1
            elif last == "incdec":
                raise _Unsafe("`/` after ++ or --")
            else:
                j = _regex_end(s, i)
                tokens.append(("regex", s[i:j]))
                last = "value"
                i = j
        elif c in "\"'":
            j = _js_string_end(s, i)
            tokens.append(("string", s[i:j]))
            last = "value"
            i = j
        elif c == "`":
            raise _Unsafe("template literal")
        elif c == "\\":
            raise _Unsafe("escape outside a string")
        elif c.isalnum() or c in "_$" or ord(c) > 127:
            j = i
            while j < n and (s[j].isalnum() or s[j] in "_$" or ord(s[j]) > 127):
                j += 1
            word = s[i:j]
            after_dot = _previous_punct(tokens) == "."
            last = "word:" + word if not after_dot and word in _REGEX_AFTER else "value"
            tokens.append(("word", word))
            i = j
        else:
            if c in ")]}":
                last = "close"
            elif c in "+-" and s.startswith(c * 2, i):
                tokens.append(("punct", c * 2))
                last = "incdec"
                i += 2
                continue
            else:
                last = "punct"
            tokens.append(("punct", c))
            i += 1
    return tokens


def _line_end(s: str, i: int) -> int:
    j = s.find("\n", i)
    return len(s) if j < 0 else j


def _previous_punct(tokens: list[tuple[str, str]]) -> str:
    for kind, text in reversed(tokens):
        if kind not in ("space", "newline", "line", "block"):
            return text if kind == "punct" else ""
    return ""


def _js_string_end(s: str, i: int) -> int:
    quote, j = s[i], i + 1
    while j < len(s):
        c = s[j]
        if c == "\\":
            if j + 1 >= len(s) or s[j + 1] == "\n":
                raise _Unsafe("string continued on the next line")
            j += 2
        elif c == quote:
            return j + 1
        elif c == "\n":
            raise _Unsafe("unterminated string")
        else:
            j += 1
    raise _Unsafe("unterminated string")


def _regex_end(s: str, i: int) -> int:
    """End of the regular expression literal at s[i] == '/', its flags included."""
    j, in_class = i + 1, False
    while j < len(s):
        c = s[j]
        if c == "\n":
            break
        if c == "\\":
            j += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            j += 1
            while j < len(s) and (s[j].isalnum() or s[j] in "_$"):
                j += 1
            return j
        j += 1
    raise _Unsafe("regular expression without its closing `/` on the line")
