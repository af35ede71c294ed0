"""What generated nginx and Apache redirect rules answer for a request, as the servers read
them: shared by the importer's and the redirect map's tests."""

from __future__ import annotations

import re


def nginx_target(config: str, request_uri: str) -> str | None:
    """What the generated map gives for a request (nginx: first matching regex wins)."""
    for pattern, target in re.findall(r'^\s+"~\*(.+)" (\S+);$', config, re.M):
        if re.search(pattern, request_uri, re.IGNORECASE):
            return target
    return None


def apache_target(config: str, path: str, query: str) -> str | None:
    """What the generated rules give for a request (conditions AND-ed, first rule wins)."""
    for block in config.split("\n\n")[1:]:
        conditions = re.findall(r"^RewriteCond %\{QUERY_STRING\} (\S+) \[NC\]$", block, re.M)
        rule = re.search(r"^RewriteRule (\S+) (\S+)\? \[NC,NE,R=301,L\]$", block, re.M)
        assert rule
        if re.search(rule.group(1), path.lstrip("/"), re.IGNORECASE) and all(
            re.search(c, query, re.IGNORECASE) for c in conditions
        ):
            return rule.group(2).replace("\\%", "%")
    return None


def caddy_target(config: str, request_uri: str) -> str | None:
    """What the printed Caddy maps give for a request: the first map's lines in order (a request
    line too long for the rules gives "", one of an old path itself), then the second map's
    first matching regexp (Go's RE2 syntax is Python's here; Go counts characters as runes)."""
    first = re.search(r"^map \{http\.request\.orig_uri\} \{bantin_old\} \{\n(.*?)^    default \"\"$",
                      config, re.M | re.S)
    assert first, config[:2000]
    for pattern, output in re.findall(r"^    `~([^`]+)` (\S+)$", first.group(1), re.M):
        if re.search(pattern, request_uri):
            if output != "$0":
                return None
            break
    else:
        return None
    for pattern, target in re.findall(r"^    `~([^`]+)` `([^`]+)`$", config, re.M):
        if re.search(pattern, request_uri):
            return target
    return None
