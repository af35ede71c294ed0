"""Synthetic bulletin corpus for the benchmark and the large-site tests (issue 6).

Realistic spread: 12 categories, 200 tags, 8 years, cited legal documents, 300–500 words
of Vietnamese per article, one handbook of 30 questions per 100 articles. Seeded, so
the same size always gives the same corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

CATEGORIES = [
    "Phổ biến, giáo dục pháp luật", "Hòa giải ở cơ sở", "Cải cách hành chính", "Hộ tịch, chứng thực",
    "Tiếp cận thông tin", "Trợ giúp pháp lý", "Xây dựng và kiểm tra văn bản", "Thi hành án dân sự",
    "Bổ trợ tư pháp", "Quản lý xử lý vi phạm hành chính", "Lý lịch tư pháp", "Đất đai và môi trường",
]
TOPICS = ["hòa giải", "đất đai", "pháp luật", "hộ tịch", "khai sinh", "chứng thực", "tiếp cận thông tin",
          "trợ giúp pháp lý", "bạo lực gia đình", "thủ tục hành chính", "dịch vụ công", "văn bản quy phạm",
          "người cao tuổi", "trẻ em", "phụ nữ", "đồng bào dân tộc", "an toàn giao thông", "lao động",
          "bảo hiểm xã hội", "môi trường"]
PLACES = ["xã Tân Phúc", "huyện Lâm Sơn", "phường Tây Lam", "xã Nà Khoang", "thị trấn Bình Giang",
          "xã Thạch Nguyên", "huyện Đông Hà", "xã Mường Lạn", "phường Bắc Sơn", "xã Hưng Lộc"]
ACTIONS = ["Tập huấn", "Tuyên truyền", "Hội nghị triển khai", "Kiểm tra", "Sơ kết", "Tổng kết",
           "Đối thoại về", "Hướng dẫn", "Phổ biến", "Tọa đàm về"]
DOCUMENTS = ["31/2024/QH15", "35/2013/QH13", "104/2016/QH13", "61/2018/NĐ-CP", "15/2014/NĐ-CP",
             "13/2018/NĐ-CP", "42/2022/NĐ-CP", "22/2023/TT-BTTTT", "30/2020/NĐ-CP", "45/2013/QH13",
             "123/2015/NĐ-CP", "04/2020/TT-BTP", "01/2022/TT-BTP", "144/2021/NĐ-CP", "63/2020/QH14"]
SENTENCES = [
    "Hội nghị đã quán triệt những nội dung mới của {law} đến cán bộ, công chức cấp xã.",
    "Các hòa giải viên được hướng dẫn kỹ năng lắng nghe, thuyết phục và giữ gìn đoàn kết trong cộng đồng.",
    "Người dân được giải đáp nhiều vướng mắc về {topic} trong đời sống hằng ngày.",
    "Sở Tư pháp phối hợp với Ủy ban nhân dân {place} tổ chức hoạt động này theo kế hoạch năm.",
    "Thực hiện Quyết định số {num}/QĐ-UBND ngày {day}/{month}/{year} của Ủy ban nhân dân tỉnh, các đơn vị đã triển khai đồng bộ.",
    "Qua đó, nhận thức pháp luật của người dân về {topic} từng bước được nâng lên.",
    "Đại biểu đã trao đổi thẳng thắn về khó khăn khi áp dụng {law} tại cơ sở.",
    "Theo quy định tại Điều {article} của {law}, cơ quan nhà nước có trách nhiệm công khai thông tin.",
    "Tổ hòa giải thôn đã giải quyết thành công nhiều vụ việc tranh chấp nhỏ ngay tại địa bàn.",
    "Lãnh đạo Sở đề nghị các địa phương tiếp tục đổi mới hình thức tuyên truyền, phù hợp với từng nhóm đối tượng.",
    "Nhiều tài liệu song ngữ đã được phát cho đồng bào tại các bản vùng cao.",
    "Cán bộ tư pháp xã giữ vai trò nòng cốt trong việc đưa pháp luật đến với người dân.",
    "Việc số hóa hồ sơ giúp rút ngắn thời gian giải quyết thủ tục cho người dân và doanh nghiệp.",
    "Kết quả kiểm tra cho thấy phần lớn hồ sơ được giải quyết đúng hạn, đúng quy định.",
    "Một số nơi còn lúng túng khi hướng dẫn người dân nộp hồ sơ trực tuyến.",
    "Buổi tuyên truyền thu hút đông đảo người dân, đặc biệt là phụ nữ và thanh niên tham gia.",
    "Trợ giúp viên pháp lý đã tư vấn miễn phí cho các trường hợp thuộc diện được trợ giúp.",
    "Các câu hỏi về quyền sử dụng đất, thừa kế và hôn nhân gia đình được quan tâm nhiều nhất.",
    "Ủy ban nhân dân cấp xã cần bố trí kinh phí bảo đảm cho hoạt động hòa giải ở cơ sở.",
    "Kế hoạch số {num}/KH-UBND đặt mục tiêu đến cuối năm có ít nhất chín mươi phần trăm thôn, tổ dân phố được tuyên truyền.",
    "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam được hưởng ứng bằng nhiều hình thức thiết thực.",
    "Người dân có thể tra cứu văn bản pháp luật miễn phí trên Cổng thông tin điện tử của tỉnh.",
    "Công tác kiểm tra, rà soát văn bản giúp phát hiện kịp thời những quy định không còn phù hợp.",
    "Đoàn công tác ghi nhận nhiều cách làm hay, sáng tạo của các tổ hòa giải.",
]
WORDS = ("luật", "nghị định", "quy định", "người dân", "cơ sở", "chính quyền", "thủ tục", "hồ sơ", "quyền",
         "nghĩa vụ", "tranh chấp", "đất", "thôn", "bản", "xã", "huyện", "tỉnh", "cán bộ", "tư pháp", "công chức")
LAW_NAMES = {"31/2024/QH15": "Luật Đất đai số 31/2024/QH15", "35/2013/QH13": "Luật Hòa giải ở cơ sở số 35/2013/QH13",
             "104/2016/QH13": "Luật Tiếp cận thông tin số 104/2016/QH13"}


def _tags(rng: random.Random) -> list[str]:
    """200 tags: topic × qualifier, a few in old tone placement so tag merging is exercised."""
    qualifiers = ["", "cơ sở", "vùng cao", "nông thôn", "đô thị", "năm mới", "trực tuyến", "lưu động", "mẫu", "thí điểm"]
    tags = [f"{t} {q}".strip() for t in TOPICS for q in qualifiers]
    return [t.replace("hòa", "hoà") if rng.random() < 0.1 else t for t in tags]


def _sentence(rng: random.Random, year: int) -> str:
    doc = rng.choice(list(LAW_NAMES))
    return rng.choice(SENTENCES).format(
        law=LAW_NAMES[doc], topic=rng.choice(TOPICS), place=rng.choice(PLACES), num=rng.randint(10, 999),
        day=rng.randint(1, 28), month=rng.randint(1, 12), year=year, article=rng.randint(1, 60))


def _body(rng: random.Random, year: int, words: int) -> tuple[str, list[str]]:
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(_sentence(rng, year) for _ in range(rng.randint(2, 4)))
        count += len(paragraph.split())
        paragraphs.append(paragraph)
    cited = rng.sample(DOCUMENTS, rng.randint(0, 3))
    if cited:
        paragraphs.append("Văn bản liên quan: " + ", ".join(f"số {d}" for d in cited) + ".")
    return "\n\n".join(paragraphs), cited


def _write(path: Path, meta: dict, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n",
                    encoding="utf-8")


def articles(rng: random.Random, count: int, tags: list[str]):
    """(file name, front matter, body) of each synthetic article."""
    for n in range(count):
        year = 2019 + n % 8
        title = f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} tại {rng.choice(PLACES)} đợt {n + 1}"
        body, cited = _body(rng, year, rng.randint(300, 500))
        meta = {"title": title, "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "category": CATEGORIES[n % len(CATEGORIES)], "tags": rng.sample(tags, 3),
                "author": "Phòng Phổ biến, giáo dục pháp luật", "summary": _sentence(rng, year)}
        if cited:
            meta["documents"] = cited
        if n % 50 == 0:
            meta["featured"] = True
        yield f"bai-{n:05d}.md", meta, body


def handbook(rng: random.Random, n: int, questions: int = 30) -> tuple[str, dict, str]:
    topic = TOPICS[n % len(TOPICS)]
    parts = [f"Sổ tay giải đáp các câu hỏi thường gặp về {topic} (tập {n + 1})."]
    for q in range(1, questions + 1):
        answer, _ = _body(rng, 2024, rng.randint(80, 160))
        parts.append(f"## Câu hỏi {q}: Người dân cần biết gì về {topic} trong trường hợp thứ {q}? "
                     f"{{#so-tay-{n + 1}-cau-{q}}}\n\n{answer}\n\nCăn cứ pháp lý: Điều {q} {LAW_NAMES['35/2013/QH13']}.")
    meta = {"title": f"Hỏi - Đáp về {topic} tập {n + 1}", "date": f"{2019 + n % 8}-06-{1 + n % 28:02d}",
            "category": CATEGORIES[n % len(CATEGORIES)], "tags": [topic]}
    return f"so-tay-{n + 1:03d}.md", meta, "\n\n".join(parts)


def write_corpus(content: Path, count: int, seed: int = 2024) -> dict[str, int]:
    """Write `count` articles and count/100 handbooks (at least one) under content/."""
    rng = random.Random(seed)
    tags = _tags(rng)
    for name, meta, body in articles(rng, count, tags):
        _write(content / "tin-tuc" / name, meta, body)
    books = max(1, count // 100)
    for n in range(books):
        name, meta, body = handbook(rng, n)
        _write(content / "hoi-dap" / name, meta, body)
    return {"articles": count, "handbooks": books, "questions": books * 30}


def site_config(categories: bool = True) -> dict:
    return {"categories": [{"title": c} for c in CATEGORIES]} if categories else {}
