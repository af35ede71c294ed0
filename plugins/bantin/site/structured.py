"""Structured data for search engines and sharing: schema.org JSON-LD (issue 4).

NewsArticle on articles and guides, FAQPage on handbooks only (a question is marked up once,
on its handbook: docs/decisions.md, issue 15), BreadcrumbList on every page but the home
page; built as plain dicts so the template only serialises them (`tojson` escapes `<` for
script tags).
"""

from __future__ import annotations

from typing import Sequence

from bantin.content.model import Item, Question
from bantin.text.plain import excerpt


def _publisher(site) -> dict:
    return {"@type": "GovernmentOrganization", "name": site.agency.name or site.site_name}


def news_article(item: Item, url: str, image_url: str, site) -> dict:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": item.title[:110],
        "datePublished": item.date.isoformat(), "dateModified": item.lastmod.isoformat(),
        "inLanguage": "vi", "mainEntityOfPage": url, "publisher": _publisher(site),
    }
    # Without a byline the agency wrote it (Google wants an author on every article).
    data["author"] = {"@type": "Person", "name": item.meta.author} if item.meta.author else _publisher(site)
    if item.meta.summary:
        data["description"] = item.meta.summary
    if image_url:
        data["image"] = [image_url]
    if item.category:
        data["articleSection"] = item.category.title
    return data


def faq_page(questions: Sequence[tuple[Question, str]], url: str) -> dict:
    """FAQPage of (question, plain-text answer) pairs."""
    return {
        "@context": "https://schema.org", "@type": "FAQPage", "inLanguage": "vi", "url": url,
        "mainEntity": [{"@type": "Question", "name": q.title,
                        "acceptedAnswer": {"@type": "Answer", "text": excerpt(answer, 1000)}}
                       for q, answer in questions],
    }


def breadcrumb_list(trail: Sequence[tuple[str, str]]) -> dict | None:
    """BreadcrumbList of (absolute URL, name) pairs, home first; None for fewer than two."""
    if len(trail) < 2:
        return None
    return {
        "@context": "https://schema.org", "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": n, "name": name, "item": url}
                            for n, (url, name) in enumerate(trail, start=1)],
    }
