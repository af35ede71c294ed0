"""Is a content folder one MkDocs would build from? Its rules, for the commands that read
mkdocs.yml without MkDocs (`bantin import`, `bantin redirects`).

MkDocs 1.6 (mkdocs/config/config_options.py) refuses a `docs_dir` that is mkdocs.yml's own
folder (`DocsDir`: "should not be the parent directory of the config file"), and one that
holds the output folder or lies inside it (`SiteDir`: `site_dir`, `site` beside mkdocs.yml
unless set). Any folder above mkdocs.yml holds `site/` beside it, so with the default
`site_dir` MkDocs refuses those too. The importer did not: `docs_dir: /tmp/x`, the absolute
path of the site's parent, made it write `/tmp/x/hoi-dap/…md` outside the site, where no
build would ever read it, and `docs_dir: /` made it read every `.md` on the disk and end in
a traceback on /proc (review of session 32, H4).

Here the same rules, and one more whatever `site_dir` says: the content folder never is,
nor holds, mkdocs.yml's folder (with `site_dir` elsewhere MkDocs would build from there, but
the project would be its own content: mkdocs.yml, .git, redirects/). Paths are compared
as MkDocs writes them (absolute, `..` resolved) and with links resolved (`docs_dir: up`, a
link to `..`, reads the same folders).
"""

from __future__ import annotations

import os

from bantin.outputs.gate import within


def content_dir_problem(project: str, content_dir: str, site_dir: str) -> str | None:
    """What is wrong with building from `content_dir` (None when nothing is): `project` is
    mkdocs.yml's folder (or the current one), `site_dir` the output folder; relative paths
    are taken from `project`, as MkDocs takes `docs_dir` and `site_dir` from mkdocs.yml's."""
    for resolve in (os.path.abspath, os.path.realpath):
        top = resolve(project)
        docs = resolve(os.path.join(project, content_dir))
        site = resolve(os.path.join(project, site_dir))
        if docs == top:
            return f"thư mục nội dung {docs} là chính thư mục của trang (nơi có mkdocs.yml)"
        if within(top, docs):
            return f"thư mục nội dung {docs} chứa thư mục của trang {top} (nơi có mkdocs.yml)"
        if within(site, docs):
            return f"thư mục nội dung {docs} chứa thư mục trang dựng ra (site_dir: {site})"
        if within(docs, site):
            return f"thư mục nội dung {docs} nằm trong thư mục trang dựng ra (site_dir: {site})"
    return None


WHY = ("MkDocs không dựng trang từ thư mục như vậy, và bantin không đọc hay ghi gì ở đó (nhập vào đó là ghi ra "
       "ngoài trang, không bản dựng nào đọc tới)")
FIX = "ghi tên một thư mục con, cạnh mkdocs.yml, ví dụ `docs_dir: content` như mkdocs.yml mẫu"
