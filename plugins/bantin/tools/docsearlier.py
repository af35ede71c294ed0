"""Digests of the documents Bản tin wrote into `tai-lieu-ban-tin/` before the folder carried
its list (tools/docscopy.MANIFEST): sessions 39 to 41, from commit 070d8d9, which added the folder,
to session 42, which added the list. A folder without the list is read against these: a file with
one of its place's digests is an unedited copy of an earlier Bản tin, anything else the province's.

Frozen: every `init` and `--update-docs` since writes the list, so no later version needs a line
here. Made once from the repository's history (the first 16 hex digits of SHA-256 of each version
of each file of tools/sitedocs.SOURCES, `git log 070d8d9^..HEAD`, plus the version at 070d8d9).
"""

from __future__ import annotations

EARLIER: dict[str, frozenset[str]] = {
    "anh/editor-bai-moi-1280.png": frozenset({"c4ca9f631ae62447"}),
    "anh/editor-cau-hoi-1280.png": frozenset({"14a69d1718593695"}),
    "anh/editor-danh-sach-1280.png": frozenset({"e7dec81e0c46c468"}),
    "anh/editor-danh-sach-390.png": frozenset({"cda76f0619f51d82"}),
    "anh/editor-huong-dan-1280.png": frozenset({"e1ed0aee2d0dd81d"}),
    "anh/editor-loi-tieu-de-1280.png": frozenset({"d193e32d3d1fa9fa"}),
    "anh/editor-so-tay-390.png": frozenset({"69ee3e5001019dd9"}),
    "anh/editor-tai-anh-1280.png": frozenset({"ad7f08ce65315324"}),
    "anh/editor-thieu-mo-ta-anh-1280.png": frozenset({"a7ec1c8681ceb1e6"}),
    "hosting.md": frozenset({
        "10cbaa6887c6f396", "319597f1a687ac27", "982e161faf6cfe70", "b258533dda825747", "b719d607ab872d10",
        "da583e53285240e7", "dd22cf5b51c8804d", "df3ca7905e039f79",
    }),
    "huong-dan-bien-tap.md": frozenset({
        "16b39a03cffcd01c", "1bb8fa35e3409564", "21ee64c34c9b2e8a", "261dd514d0c2f0b1", "304545d64c7d791c",
        "30d78b368d2653c9", "367089193bd04f70", "399c8a9f016f9159", "3a18e246bbf05ad9", "41c200d285c9824f",
        "477cd3a170a3d351", "478b18d86bd4de5e", "4961904cbdf437ae", "54289ec715a3cee1", "5b6f99545346fde0",
        "5c8cc9261048d43f", "5e4a8b119b1a2c13", "693dbb985f615b74", "6e46b45ea9c12b8a", "749b191e8aaf1b4e",
        "784d768fa01dc5d4", "829b665ebc4eda16", "8a14c5786a422b5a", "8dad488c2d9bb995", "8f58137da9f758d8",
        "9d0374a474aca77c", "a03d4a8339539caa", "a2003f2a8528c239", "a4fb1cd1a47a4423", "ab80c56878c219a0",
        "ad8cc9eee313b86b", "b3c413ade22adac5", "b5aad7a620aa0f56", "b884106f4a11b4f3", "bec3db778bfca08a",
        "c0024fb9018a98e5", "c2cb88b3c663e6dc", "ca797beef0cf8842", "cfb3005a3cf274e4", "cfb8193cb278c4ae",
        "d13c4252c707b1fc", "d374348149126b71", "dc9a018a2211c779", "df9881e193268ab7", "e08b979f8cd9bedc",
        "e7219dad1d61a8ea", "e7433f3b52166f7a", "e77798ab88fa1a95", "f355d4da3f65bc99", "f6c2d6a7cdecaa40",
        "f7aed95e5f915ea6", "f7b161d922a72d44", "f7b29036614fd8bb",
    }),
    "security.md": frozenset({
        "0842648c4f4eef88", "27696487dd802dfa", "41e49a6f9457aa0c", "680f697bc5aa6d26", "74e1f9af4e6bdf47",
        "80d661d8297929e9", "be7a449d4d2a64d1", "d69ddb4a8d5583cc", "f31dd68c5c767e23",
        "94b40e95c1add227",  # session 43 (tep.json's page sources): the current one is known too
        "ce1a2815c9e06d84",  # session 45 (the drafts modules' new paths)
    }),
}
