"""The documents a site registers in its configuration (`documents:`), looked up by identity.

A page may cite any number; a registered document adds its title, issuer, official link and
status (in force, replaced by …), and lends its canonical spelling to every citation of it.
Reading the configuration reports each wrong entry in Vietnamese instead of failing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from bantin.text.vi import fold, nfc, slugify
from bantin.legal.numbers import (
    Document, _KIND_WORDS, _MAX_YEAR, _MIN_YEAR, _REF_RE, _STATUS_LABELS, _WORD_START, _kind,
    _map_d, _parse, _slug, canonical_number, parse_reference,
)

__all__ = ["Registry"]


_CONFIG_KEYS = ("number", "title", "issuer", "url", "year", "status", "replaced_by")


def _replacement_cycles(registry: "Registry", documents: list[tuple[str, Document]]) -> list[str]:
    """An error for each ring of `replaced_by` (A replaced by B, B by A, or longer): the pages,
    and since session 35 the search results, then said of each «được thay thế bởi B. Thay thế
    B.», published as fact (a hostile review). Each ring is named once, by its entries, in
    order; a document replaced by itself is said above."""
    where = {document.key: place for place, document in documents}
    done: set = set()
    errors = []
    for _, start in documents:
        path: list[Document] = []
        current: Document | None = start
        while current is not None and current.key not in done and current not in path:
            path.append(current)
            current = registry.replacement(current)
        done.update(d.key for d in path)
        if current is None or current not in path or len(path) - path.index(current) < 2:
            continue
        ring = path[path.index(current):]
        chain = " → ".join(d.number for d in ring + [ring[0]])
        errors.append(f"{where[ring[0].key]}: các trường `replaced_by` tạo thành vòng tròn: {chain}; một văn bản "
                      "không thể vừa thay thế vừa bị văn bản đó thay thế. Hãy giữ `replaced_by` ở văn bản cũ (bị "
                      "thay thế) và xóa dòng `replaced_by` ở văn bản mới.")
    return errors


class Registry:
    """Documents known from configuration, looked up by identity (number + year).

    A registered number without a year ('512/UBND-NC', no ``year``) has the number alone as
    identity: it matches references written without a date. A reference written without a
    date also matches a registered dated document when only one is registered under that
    number. A dated reference matches only a document of that year.
    """

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        self._by_key: dict[tuple[str, int | None], Document] = {}
        self._by_number: dict[str, list[Document]] = {}
        for document in documents:
            if document.key in self._by_key:
                raise ValueError(f"văn bản {document.number} ({document.year}) được khai báo hai lần")
            self._by_key[document.key] = document
            self._by_number.setdefault(fold(document.number), []).append(document)

    @classmethod
    def from_config(cls, items: object) -> tuple[Registry, list[str]]:
        """Registry from the ``documents`` list of the configuration, plus readable errors.

        Entries with errors are left out; the caller reports the messages and fails the build.
        """
        if items is None:
            return cls(), []
        if not isinstance(items, list):
            return cls(), [f"`documents:` phải là danh sách văn bản, nhưng ở đây là {_shape(items)}; "
                           "hãy viết mỗi văn bản thành một mục bắt đầu bằng `- number: …`."]
        errors: list[str] = []
        documents: list[tuple[str, Document]] = []
        seen: dict[tuple[str, int | None], str] = {}
        slugs: dict[str, str] = {}
        for index, item in enumerate(items, 1):
            where = f"mục {index} của `documents:`"
            if not isinstance(item, dict):
                fix = (f"hãy viết `- number: {item}`" if isinstance(item, str) and item.strip()
                       else "hãy viết mục đó thành `- number: …`")
                errors.append(
                    f"{where}: mỗi mục phải gồm các dòng `number:`, `title:`, …, nhưng ở đây là "
                    f"{_shape(item)}; {fix}, rồi các dòng `title:`, `issuer:` thụt vào thẳng hàng."
                )
                continue
            if isinstance(item.get("number"), str):
                where += f" ({item['number']})"
            document, problems = _document_from_config(item, where)
            errors.extend(problems)
            if document is None:
                continue
            if document.key in seen:
                errors.append(f"{where}: trùng văn bản với {seen[document.key]}; hãy xóa một trong hai mục.")
                continue
            if document.slug in slugs:
                errors.append(
                    f"{where}: địa chỉ …/{document.slug}/ của văn bản này đã thuộc về "
                    f"{slugs[document.slug]}; hãy kiểm tra lại số hiệu."
                )
                continue
            seen[document.key] = where
            slugs[document.slug] = where
            documents.append((where, document))
        registry = cls(document for _, document in documents)
        for where, document in documents:
            if not document.replaced_by:
                continue
            target = registry.match(document.replaced_by, document.replaced_by_year)
            if target is None:
                errors.append(
                    f"{where}: văn bản thay thế `{document.replaced_by}` (trường `replaced_by`) chưa "
                    "được khai báo trong `documents:`; hãy thêm một mục cho văn bản đó (`number`, "
                    "`title`, `issuer`) hoặc sửa lại số hiệu."
                )
            elif target.key == document.key:
                errors.append(
                    f"{where}: `replaced_by` ghi chính số hiệu của văn bản này; hãy ghi số hiệu "
                    "của văn bản thay thế, hoặc xóa dòng `replaced_by`."
                )
        return registry, errors + _replacement_cycles(registry, documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: tuple[str, int | None]) -> Document | None:
        """Registered document with this identity (``DocRef.key`` / ``Document.key``)."""
        return self._by_key.get(key)

    def lookup(self, value: str) -> Document | None:
        """Registered document for a written reference ('31/2024/QH15', '432/QĐ-UBND ngày 12/4/2024')."""
        ref = parse_reference(value, self)
        return self._by_key.get(ref.key) if ref is not None else None

    def replacement(self, document: Document) -> Document | None:
        """The document that replaced ``document``, for "thay thế bởi …" notes."""
        if not document.replaced_by:
            return None
        return self.match(document.replaced_by, document.replaced_by_year)

    def replaces(self, document: Document) -> list[Document]:
        """The registered documents `document` replaced ("thay thế …"), the other direction
        of `replacement`: a new law's page names the law it replaced."""
        return [old for old in self if old.replaced_by and self.replacement(old) == document]

    def match(self, number: str, year: int | None) -> Document | None:
        """The registered document a number and year name (see the class docstring), or None."""
        folded = fold(number)
        if year is not None:
            return self._by_key.get((folded, year))
        document = self._by_key.get((folded, None))
        if document is not None:
            return document
        candidates = self._by_number.get(folded, ())
        return candidates[0] if len(candidates) == 1 else None


def _shape(value: object) -> str:
    """What a configuration value is, in words an editor knows (for error messages)."""
    if value is None:
        return "giá trị trống"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"số `{value}`"
    if isinstance(value, str):
        return f"dòng chữ `{value}`"
    if isinstance(value, dict):
        return "các dòng `tên: giá trị`"
    if isinstance(value, (list, tuple)):
        return "một danh sách"
    return f"`{value}`"


def _document_from_config(item: dict, where: str) -> tuple[Document | None, list[str]]:
    """One registry entry, or None with the reasons, each naming the field and the fix."""
    errors: list[str] = []
    for key in item:
        if key not in _CONFIG_KEYS:
            close = difflib.get_close_matches(str(key), _CONFIG_KEYS, n=1)
            hint = (f"có phải ý bạn là `{close[0]}`?" if close
                    else "chỉ dùng các trường " + ", ".join(f"`{k}`" for k in _CONFIG_KEYS) + ".")
            errors.append(f"{where}: trường `{key}` không được hỗ trợ; {hint}")
    raw_number = item.get("number")
    if raw_number is None or (isinstance(raw_number, str) and not raw_number.strip()):
        return None, errors + [
            f"{where}: thiếu trường bắt buộc `number`; hãy ghi số hiệu như trên văn bản, ví dụ "
            "`number: 42/2022/NĐ-CP`."
        ]
    number = canonical_number(str(raw_number)) if isinstance(raw_number, str) else None
    if number is None:
        return None, errors + [
            f"{where}: `{raw_number}` không phải số hiệu văn bản; hãy ghi số hiệu như trên văn "
            "bản, ví dụ `31/2024/QH15`, `42/2022/NĐ-CP`, `432/QĐ-UBND`, `512/UBND-NC` hoặc `09-NQ/TU`."
        ]
    parsed = _parse(_REF_RE.fullmatch(_map_d(nfc(raw_number)).strip()), strict=False)
    assert parsed is not None
    texts: dict[str, str] = {}
    for key in ("title", "issuer", "url"):
        value = item.get(key)
        if value is None:
            texts[key] = ""
        elif isinstance(value, str):
            texts[key] = nfc(value.strip())
        else:
            errors.append(
                f"{where}: `{key}` phải là một dòng chữ, không phải {_shape(value)}; hãy viết "
                f"`{key}: …` trên một dòng, giá trị có dấu `:` hoặc bắt đầu bằng số thì đặt trong "
                "ngoặc kép."
            )
    url = texts.get("url", "")
    if url and not url.startswith(("https://", "http://")):
        errors.append(
            f"{where}: đường dẫn `{url}` phải là địa chỉ đầy đủ tới văn bản chính thức, bắt đầu "
            "bằng https://, ví dụ `https://vbpl.vn/…`."
        )
    year = parsed.year
    raw_year = item.get("year")
    if raw_year is not None:
        try:
            if isinstance(raw_year, bool):
                raise ValueError
            given = int(str(raw_year).strip())
        except ValueError:
            given = None
        if given is None or not _MIN_YEAR <= given <= _MAX_YEAR:
            errors.append(f"{where}: `year: {raw_year}` không phải năm; hãy viết năm bằng số, ví dụ `year: 2024`.")
        elif parsed.year is not None and given != parsed.year:
            errors.append(
                f"{where}: `year: {given}` khác với năm {parsed.year} trong số hiệu; hãy xóa dòng "
                "`year` (năm đã có trong số hiệu)."
            )
        else:
            year = given
    status = ""
    raw_status = item.get("status")
    if raw_status is not None:
        status = slugify(str(raw_status))
        if status not in _STATUS_LABELS:
            errors.append(
                f"{where}: không có tình trạng `{raw_status}` (trường `status`); hãy dùng một trong "
                + ", ".join(f"`{k}` ({v.lower()})" for k, v in _STATUS_LABELS.items())
                + "."
            )
    replaced_by, replaced_by_year = "", None
    raw_replaced = item.get("replaced_by")
    if raw_replaced is not None:
        target = parse_reference(str(raw_replaced))
        target_number = canonical_number(str(raw_replaced))
        if target is not None:
            replaced_by, replaced_by_year = target.number, target.year
        elif target_number is not None:
            replaced_by = target_number  # no year: resolved against the registry later
        else:
            errors.append(
                f"{where}: `replaced_by: {raw_replaced}` không phải số hiệu văn bản; hãy ghi số "
                "hiệu của văn bản thay thế, ví dụ `replaced_by: 31/2024/QH15`."
            )
        if replaced_by and not status:
            status = "het-hieu-luc"
        elif replaced_by and status == "con-hieu-luc":
            errors.append(
                f"{where}: `status` ghi `con-hieu-luc` (còn hiệu lực) nhưng lại có `replaced_by` "
                "(đã bị thay thế); hãy sửa hoặc xóa một trong hai dòng."
            )
    if errors:
        return None, errors
    word_match = _WORD_START.match(fold(texts["title"])) if texts["title"] else None
    word = _KIND_WORDS[word_match.group(1)] if word_match else None
    document = Document(
        number=number,
        year=year,
        kind=_kind(parsed, word, None),
        slug=_slug(number, year),
        title=texts["title"],
        issuer=texts["issuer"],
        url=url,
        status=status,
        replaced_by=replaced_by,
        replaced_by_year=replaced_by_year,
    )
    return document, []
