"""The layout of the offline copy (`bantin build --offline`): one start file and one folder.

A reader's trial found the USB copy's top folder holding 27 entries (assets/, feed.xml,
404.html, search folders, … and index.html among them): a citizen or commune official who
plugs the stick in does not know which one to open. So the copy is written as

    site-offline/
        MO-BAN-TIN.html   the one file to double-click ("Mở bản tin", open the bulletin)
        ban-tin/          the whole site, every link relative, opened from file://

Why these names: Windows Explorer hides known extensions, so the reader sees "MO-BAN-TIN",
an instruction in Vietnamese, where `index.html` showed "index", an English word that says
nothing to them and that the site's own home page also bears. Both names are ASCII (FAT32,
zip tools and Windows' 260-character paths: the folder adds 8 characters to every path),
upper case for the file so that it stands out beside the folder, and neither is a name the
site could hold at this level: every page, feed and asset is inside `ban-tin/`, so a page
whose slug is `ban-tin` or `MO-BAN-TIN` is `ban-tin/ban-tin.html` and never collides.

The start file moves on by itself and shows a link for a browser that does not. Where scripts
run it first checks that the site folder is beside it (it loads a style sheet every build copies):
the start file copied alone, the one file the officer was told to open dragged to a desktop,
moved on to a home page that is not there, and Chromium showed «Your file couldn't be
accessed» in English (outsider trial, session 47); it now stays and says what to copy. Where
scripts are off it moves on by a meta refresh as before (inside <noscript>).
No MkDocs import: the CLI writes the file into its staging folder before the swap
(outputs/publish.py), so a killed build never leaves a copy without it.
"""

from __future__ import annotations

import html
from pathlib import Path

SITE_FOLDER = "ban-tin"
START_FILE = "MO-BAN-TIN.html"
HOME = f"{SITE_FOLDER}/index.html"
# Our own style sheet, which every build copies with the theme: the start file loads it to learn
# whether the site folder is beside it. A style sheet, not a picture: a browser with pictures
# turned off (data saver) fires neither load nor error for one, and the start file stayed.
PROBE = "assets/stylesheets/bantin.css"


def site_folder(copy: Path) -> Path:
    """Where the site itself is written inside the copy's folder."""
    return Path(copy) / SITE_FOLDER


def is_copy(folder: Path) -> bool:
    """True when `folder` has this layout: the start file and the site folder with its home page
    (what `bantin serve-site` serves the site folder of)."""
    folder = Path(folder)
    return (folder / START_FILE).is_file() and (folder / HOME).is_file()


def start_page(site_name: str, probe: str = "") -> str:
    """The start file's HTML: the site's name, a note that this is a copy, the way in.

    The text is large and the link is a button-sized target: older readers and a
    commune hall's old monitor. Everything from mkdocs.yml is escaped. With `probe` (a file
    of the site folder, relative to it) a script moves on only once that file loads and
    otherwise says the folder is missing; without it, or without scripts, the meta refresh."""
    name = html.escape(site_name.strip() or "Bản tin", quote=True)
    refresh = f'<meta http-equiv="refresh" content="0; url={HOME}">'
    script = ""
    if probe:  # the script comes last, so the lines it shows or hides are there
        refresh, script = f"<noscript>{refresh}</noscript>", _probe_script(f"{SITE_FOLDER}/{probe}") + "\n"
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name} – mở bản tin</title>
<meta name="robots" content="noindex">
{refresh}
<style>
body{{margin:0;padding:2rem 1rem;font:1.25rem/1.5 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#fff}}
main{{max-width:34rem;margin:0 auto}}
h1{{font-size:1.6rem;line-height:1.3;margin:0 0 .75rem}}
a{{display:inline-block;margin:.5rem 0 1rem;padding:.75rem 1.5rem;border-radius:.3rem;background:#0d47a1;color:#fff;font-weight:700;text-decoration:none}}
a:focus-visible{{outline:3px solid #ff8f00;outline-offset:3px}}
</style>
</head>
<body>
<main>
<h1>{name}</h1>
<p>Bản sao đọc không cần mạng.</p>
<p id="mo"><a href="{HOME}">Mở bản tin</a></p>
<p id="tu-mo">Nếu trang bản tin không tự mở, hãy bấm nút trên.</p>
<p id="thieu" hidden><strong>Không tìm thấy thư mục «{SITE_FOLDER}» bên cạnh tệp này</strong>, nên bản tin chưa mở được.
Tệp MO-BAN-TIN phải nằm cùng chỗ với thư mục {SITE_FOLDER}: hãy chép cả hai (hoặc cả thư mục chứa chúng)
từ USB vào máy, rồi bấm đúp vào MO-BAN-TIN ở chỗ mới.</p>
</main>
{script}</body>
</html>
"""


def _probe_script(probe: str) -> str:
    """The script that loads `probe` and then leaves for the home page (location.replace: Back
    from the home page does not return to the start file, as with the refresh), or, when it
    does not load, shows why the bulletin cannot open and hides the "does not open by itself"
    line and the button, which would only lead to the browser's English «file couldn't be
    accessed» (the offline trial's leftover, session 48). The style sheet is asked for media
    "not all": fetched, never applied to this page. Its text holds no value from the site's
    configuration."""
    return ("<script>(function(){var d=document,l=d.createElement('link');"
            "l.rel='stylesheet';l.media='not all';"
            f"l.onload=function(){{location.replace({HOME!r})}};"
            "l.onerror=function(){"
            "d.getElementById('thieu').hidden=false;d.getElementById('tu-mo').hidden=true;"
            "d.getElementById('mo').hidden=true};"
            f"l.href={probe!r};d.head.appendChild(l)}})()</script>")


def write_start(copy: Path, site_name: str) -> Path:
    """Write the start file beside the site folder (the build's staging folder, after the build:
    nothing is seen until the swap), with the permissions of the site's own files (the umask).
    The probe is used only if the built site holds it."""
    path = Path(copy) / START_FILE
    probe = PROBE if (site_folder(copy) / PROBE).is_file() else ""
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(start_page(site_name, probe))
    return path
