"""Whether the templates the render caches assume are the ones we tested.

ShellCache renders a page template's whole shell once per template and position and fills in
only the blocks `htmltitle`, `extrahead`, `content`, the title and the canonical URL;
ChromeCache renders header, tabs, nav and footer (and base.html's styles, libs, fonts,
analytics, config and scripts blocks) once per position (adapter/rendering.py). Both are
right only while every other part of those templates depends on nothing but the position:
a `base.html` printing `page.title` in `site_meta` would give every page of a position the
first page's title. That is true of the templates we ship and test: our theme/ over
Material's templates, which main.html extends (base.html) and includes, partly through
names built at render time (languages, integrations). So `KNOWN` holds the hash of every
HTML template of both, and a build whose environment resolves any of them to another
source (a site's own `custom_dir`, an edited theme) renders without the caches: the same
pages as Material renders them whole, only slower (adapter/plugin.py `on_env`).

After a deliberate change to theme/ (or a new Material pin), run
`python -m bantin.adapter.cachedtemplates` and paste its output over `KNOWN`, having
checked that the changed templates still fit the caches (tests/test_compat.py checks the
list is current).
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def differing(env) -> list[str]:
    """Names in `KNOWN` that `env`'s loader resolves to another source (or not at all)."""
    found = []
    for name, known in KNOWN.items():
        try:
            source = env.loader.get_source(env, name)[0]
        except Exception:  # noqa: BLE001 (missing or unreadable: not the template we tested)
            found.append(name)
            continue
        if digest(source) != known:
            found.append(name)
    return found


def current(theme: Path, material: Path) -> dict[str, str]:
    """The hash of every HTML template of our theme over Material's, as a build resolves them."""
    names = {p.relative_to(root).as_posix() for root in (theme, material) for p in root.rglob("*.html")}
    return {name: digest(((theme / name) if (theme / name).is_file() else (material / name)).read_text("utf-8"))
            for name in sorted(names)}


def _main() -> None:
    import material  # noqa: PLC0415 (a developer's command, in the adapter: may import material)

    theme = Path(__file__).resolve().parents[1] / "theme"
    found = current(theme, Path(material.__file__).parent / "templates")
    print("KNOWN = {")
    for name, value in found.items():
        print(f'    "{name}": "{value}",')
    print("}")


KNOWN: dict[str, str] = {
    "404.html": "8795f89e1bb2132c",
    "bantin-documents.html": "9ff98e3e76601237",
    "bantin-elsewhere.html": "566f603033bfe872",
    "bantin-handbook-print.html": "3cf7aa47dc665da8",
    "bantin-home.html": "f845643f05689d7c",
    "bantin-index.html": "794252adcfc8b03d",
    "bantin-item.html": "bf3f25f856fa3237",
    "bantin-listing.html": "9a224ad0972be191",
    "bantin-question.html": "c8e60811b40616c2",
    "bantin-search-page.html": "a2f03febd66168db",
    "bantin-shell.html": "46ffbd7102032c04",
    "base.html": "8536d352b0093623",
    "blog-post.html": "d1a725d4b5fe7c75",
    "blog.html": "02cf7095d8fad22f",
    "fragments/tags/default/listing.html": "93d20bc3c64a84de",
    "fragments/tags/default/tag.html": "1883eaa46e05be69",
    "main.html": "9eb2ff476bd8b756",
    "partials/actions.html": "1bcd66d6f428194e",
    "partials/alternate.html": "572b1d4dae611aa5",
    "partials/bantin-address.html": "38fa5b81601cfe7b",
    "partials/bantin-breadcrumb.html": "d9ae906cb714e1e7",
    "partials/bantin-card.html": "f74424c86e50481e",
    "partials/bantin-copy-note.html": "31773fbec60dfa25",
    "partials/bantin-document-info.html": "0619c76001023d4b",
    "partials/bantin-emblem.html": "212a87c05967307d",
    "partials/bantin-expired.html": "1999430759972ed3",
    "partials/bantin-footer.html": "3fa78463aa4f023a",
    "partials/bantin-handbook-tools.html": "329ed1a195873aac",
    "partials/bantin-item-footer.html": "017e4a8803bfbd78",
    "partials/bantin-item-sources.html": "ed138b82ea030b4a",
    "partials/bantin-meta.html": "b964c538943a8805",
    "partials/bantin-pagination.html": "f9e8f0e94c9ccdda",
    "partials/bantin-print.html": "cb03f20aa3dd9c22",
    "partials/bantin-reading-aids.html": "4b01ae8294e4feed",
    "partials/bantin-replacement-link.html": "164e9c5520e03d6f",
    "partials/bantin-search-box.html": "3dd69dcd0ca876b5",
    "partials/bantin-side.html": "05fbb9df16b6d7e7",
    "partials/bantin-toc-phone-item.html": "4f6c970f1ae33570",
    "partials/bantin-toc-phone.html": "b792f33df0fb6e5c",
    "partials/bantin-tools.html": "3b22bd3e5d9b6e53",
    "partials/comments.html": "bacd2a2e0dbfb6d2",
    "partials/consent.html": "2ba7f1d07d58ae11",
    "partials/content.html": "ce33929c85af129f",
    "partials/copyright.html": "bc86bca3bf75070f",
    "partials/feedback.html": "d47879b262c1d49f",
    "partials/footer.html": "50c2a75f013b7b03",
    "partials/header.html": "62d817954a960ecd",
    "partials/icons.html": "461a02930eb982ef",
    "partials/integrations/analytics.html": "3dba249b95699a16",
    "partials/integrations/analytics/google.html": "df50013e194f9b3d",
    "partials/javascripts/announce.html": "fbc798036968edbf",
    "partials/javascripts/base.html": "d6113712bc4deb30",
    "partials/javascripts/consent.html": "6dc38ea451a27ffd",
    "partials/javascripts/content.html": "3722e156f0f6339d",
    "partials/javascripts/outdated.html": "13165dec361fce13",
    "partials/javascripts/palette.html": "8790389765ea6036",
    "partials/language.html": "3a44516f305006ac",
    "partials/languages/af.html": "8704296598b40038",
    "partials/languages/ar.html": "55350404e6ad073d",
    "partials/languages/az.html": "aaedf82db87001c8",
    "partials/languages/be.html": "0dd0724017a3b3cc",
    "partials/languages/bg.html": "8be179c983268545",
    "partials/languages/bn.html": "837809bd6af3a826",
    "partials/languages/ca.html": "8fe3c5eb45dccd1d",
    "partials/languages/cs.html": "67b6b1f3bc190f05",
    "partials/languages/cy.html": "cf1c63e6cc156bf8",
    "partials/languages/da.html": "38206dc186d1352d",
    "partials/languages/de.html": "d57e212642a0c111",
    "partials/languages/el.html": "55aee462a3bd792a",
    "partials/languages/en.html": "902e36bb5ec5cb46",
    "partials/languages/eo.html": "e00d186f7444b3cb",
    "partials/languages/es.html": "22775891c6756e3e",
    "partials/languages/et.html": "4e173f59a8ed2ea8",
    "partials/languages/eu.html": "aa095f06fa658757",
    "partials/languages/fa.html": "4b0fe4a28fce2280",
    "partials/languages/fi.html": "3032d3c1a43a90b6",
    "partials/languages/fr.html": "dd9180ff3fdd3438",
    "partials/languages/gl.html": "68b70527c460b60c",
    "partials/languages/he.html": "fb1b563552cf1116",
    "partials/languages/hi.html": "9551c45ae843a04c",
    "partials/languages/hr.html": "e7911b49833db369",
    "partials/languages/hu.html": "057982af2f69ca3d",
    "partials/languages/hy.html": "3e6f6e35677187bb",
    "partials/languages/id.html": "40e096e2ed31ed4f",
    "partials/languages/is.html": "2ec0e3f901ba6666",
    "partials/languages/it.html": "2b52d09d3c37ec6a",
    "partials/languages/ja.html": "8076e721277ee0be",
    "partials/languages/ka.html": "ebd0648ba8ac5d5b",
    "partials/languages/kn.html": "ea77fa3f4be5dd7f",
    "partials/languages/ko.html": "3652aebfc5b4c8f6",
    "partials/languages/ku-IQ.html": "3ebb11630a16c8b3",
    "partials/languages/lb.html": "f97e16ecaf2557de",
    "partials/languages/lt.html": "a711eb62c01465d4",
    "partials/languages/lv.html": "d3f1e44572406473",
    "partials/languages/mk.html": "995330ed7914e3f0",
    "partials/languages/mn.html": "339ad6306ab3af04",
    "partials/languages/ms.html": "deeed2b05446ab59",
    "partials/languages/my.html": "53948f8100b55117",
    "partials/languages/nb.html": "4c9dc198d9c95648",
    "partials/languages/nl.html": "24efebd5f061f6b6",
    "partials/languages/nn.html": "725c7bb01e204306",
    "partials/languages/pl.html": "0dabb669c1639362",
    "partials/languages/pt-BR.html": "e4789634563eb6f0",
    "partials/languages/pt.html": "3e00f4854348124e",
    "partials/languages/ro.html": "468535105c5443f2",
    "partials/languages/ru.html": "627b420d370a9698",
    "partials/languages/sa.html": "3c55d5f52ee306f6",
    "partials/languages/sh.html": "303c02bcc837a453",
    "partials/languages/si.html": "c55ee888f755a81b",
    "partials/languages/sk.html": "3c02d5717157af1b",
    "partials/languages/sl.html": "888b0ba162084816",
    "partials/languages/sq.html": "45ca0853cccba675",
    "partials/languages/sr.html": "bc39190b4ca9d317",
    "partials/languages/sv.html": "a6057f53911989f9",
    "partials/languages/ta.html": "ed668557ede021ca",
    "partials/languages/te.html": "6478348a458f95bc",
    "partials/languages/th.html": "30e4f3cf6add2c44",
    "partials/languages/tl.html": "ced188ef6f925d3c",
    "partials/languages/tr.html": "5c87cf1f353236c1",
    "partials/languages/uk.html": "50466e86c74a45a8",
    "partials/languages/ur.html": "dba529e286f1c171",
    "partials/languages/uz.html": "3dbc62ae0e4539ca",
    "partials/languages/vi.html": "066282dfeca5fa1e",
    "partials/languages/zh-Hant.html": "5eaf42bcebf9b008",
    "partials/languages/zh-TW.html": "e78c9b0bf9602a3f",
    "partials/languages/zh.html": "7114aa64aa8e4899",
    "partials/logo.html": "2e3b3da2d656b410",
    "partials/nav-item.html": "a069f1353677b23c",
    "partials/nav.html": "af33f6e032f632eb",
    "partials/pagination.html": "f368740c60701056",
    "partials/palette.html": "fb935107ae7d3d74",
    "partials/path-item.html": "3252b317fa46c4e2",
    "partials/path.html": "cbde0642861fe915",
    "partials/post.html": "756bb999794dc09d",
    "partials/progress.html": "f7596002950a7d9f",
    "partials/search.html": "bfd556535abcddb9",
    "partials/social.html": "e8b2f5f9d8a692ba",
    "partials/source-file.html": "ce5277decac9a8cf",
    "partials/source.html": "6847616d67be4920",
    "partials/tabs-item.html": "1780e059f8b0b1d4",
    "partials/tabs.html": "d2c82916569e645a",
    "partials/tags.html": "166225609857c853",
    "partials/toc-item.html": "7aa98e02ececff01",
    "partials/toc.html": "cece2437715c6be9",
    "partials/top.html": "98f6f9ac2ebf6ef9",
    "redirect.html": "3910b9e1f5e9b21d",
}

if __name__ == "__main__":
    _main()
