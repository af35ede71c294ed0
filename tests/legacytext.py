"""Unicode Vietnamese written back in the legacy encodings, as a TCVN3 or VNI font shows it when
read as Windows-1252: the tests' source of mojibake made from real text (the 12 laws)."""

from __future__ import annotations

import unicodedata

from bantin.text.legacy import _TCVN3, _VNI_LETTERS, _VNI_MARKS

_TO_TCVN3 = {letter: byte for byte, letter in _TCVN3.items()}
_TO_VNI_LETTER = {letter: byte for byte, letter in _VNI_LETTERS.items()}
_TO_VNI_MARK = {marks: byte for byte, marks in _VNI_MARKS.items() if byte.islower()}
_HORN = {"o": "ô", "u": "ö", "O": "Ô", "U": "Ö"}


def tcvn3(text: str) -> str:
    """Capitals TCVN3 has no code for are typed as small letters (the .VnTimeH font shows them big)."""
    return "".join(_TO_TCVN3.get(ch, _TO_TCVN3.get(ch.lower(), ch)) for ch in text)


def vni(text: str) -> str:
    return "".join(_vni_letter(ch) for ch in text)


def _vni_letter(ch: str) -> str:
    if ch in _TO_VNI_LETTER:
        return _TO_VNI_LETTER[ch]
    base, *marks = unicodedata.normalize("NFD", ch)
    if not marks or not base.isascii():
        return ch
    if "\u031b" in marks:  # ơ, ư: one character, then the tone
        marks.remove("\u031b")
        return _HORN[base] + (_TO_VNI_MARK["".join(marks)] if marks else "")
    marks.sort(key=lambda mark: mark not in "\u0302\u0306")  # VNI: the hat or breve, then the tone
    return base + _TO_VNI_MARK["".join(marks)]
