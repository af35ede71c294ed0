"""A small Vietnamese corpus whose right answers are known, for the search tests.

Each item is written so that one query has one clear best answer, with distractors that a
weaker search would rank first: "hóa giải" (another tone) for "hòa giải", "pháp" and "luật"
far apart for "pháp luật", "Điều 50" for "điều 5", "Nghị định 142" for "nghị định 42".
"""

from __future__ import annotations

from bantin.search.terms import SearchDoc

PHO_BIEN = ("pho-bien-giao-duc-phap-luat", "Phổ biến, giáo dục pháp luật")
HOA_GIAI = ("hoa-giai-o-co-so", "Hòa giải ở cơ sở")
CCHC = ("cai-cach-hanh-chinh", "Cải cách hành chính")
HANDBOOK = "Sổ tay hỏi đáp về hòa giải ở cơ sở"


def _doc(url, title, kind, category, date, text, documents=(), handbook=""):
    slug, name = category
    return SearchDoc(url=url, title=title, kind=kind, category=name, category_slug=slug, date=date,
                     text=text, documents=tuple(documents), handbook=handbook)


SAMPLE_DOCS: tuple[SearchDoc, ...] = (
    _doc("tin-tuc/tang-cuong-pho-bien-phap-luat/", "Tăng cường phổ biến, giáo dục pháp luật cho người dân",
         "article", PHO_BIEN, "2024-11-21",
         "Sở Tư pháp tổ chức hội nghị phổ biến pháp luật cho cán bộ và người dân ở các xã vùng sâu. "
         "Nội dung tập trung vào các luật mới được Quốc hội thông qua, cách tra cứu văn bản pháp luật "
         "và quyền tiếp cận thông tin của công dân."),
    _doc("tin-tuc/luat-dat-dai-2024/", "Luật Đất đai năm 2024 có hiệu lực từ ngày 01/8/2024",
         "article", PHO_BIEN, "2024-08-01",
         "Luật Đất đai số 31/2024/QH15 được Quốc hội thông qua ngày 18/01/2024. Luật quy định về chế độ "
         "sở hữu đất đai, quyền hạn và trách nhiệm của Nhà nước đại diện chủ sở hữu toàn dân về đất đai.",
         ["31/2024/QH15"]),
    _doc("tin-tuc/hoa-giai-vien-gioi/", "Hoà giải ở cơ sở: hoà giải viên giỏi giúp thôn bản yên vui",
         "article", HOA_GIAI, "2023-05-10",
         "Tổ hoà giải thôn Đông đã hoà giải thành nhiều vụ việc tranh chấp nhỏ về ranh giới đất, "
         "góp phần giữ gìn đoàn kết trong cộng đồng dân cư."),
    _doc("tin-tuc/hoa-giai-mau-thuan-gia-dinh/", "Cách hóa giải mâu thuẫn trong gia đình",
         "article", PHO_BIEN, "2024-03-02",
         "Chuyên gia tâm lý chia sẻ cách hóa giải mâu thuẫn giữa các thế hệ trong gia đình, "
         "lắng nghe và tôn trọng nhau."),
    _doc("tin-tuc/luat-su-tu-van/", "Luật sư tư vấn miễn phí cho doanh nghiệp nhỏ",
         "article", CCHC, "2022-09-15",
         "Đoàn luật sư tỉnh tư vấn miễn phí về thuế và hợp đồng; các doanh nghiệp được hướng dẫn phương "
         "pháp lập hồ sơ. Nhiều câu hỏi về luật thuế được giải đáp."),
    _doc("tin-tuc/quyet-dinh-432/", "Công bố danh mục thủ tục hành chính mới",
         "article", CCHC, "2024-04-15",
         "Chủ tịch Ủy ban nhân dân tỉnh ban hành Quyết định số 432/QĐ-UBND ngày 12/4/2024 công bố danh "
         "mục thủ tục hành chính mới trong lĩnh vực hộ tịch.", ["432/QĐ-UBND"]),
    _doc("huong-dan/dich-vu-cong-truc-tuyen/", "Hướng dẫn nộp hồ sơ trực tuyến theo Nghị định 42/2022/NĐ-CP",
         "guide", CCHC, "2023-01-20",
         "Nghị định số 42/2022/NĐ-CP quy định về việc cung cấp thông tin và dịch vụ công trực tuyến. "
         "Tài liệu này hướng dẫn người dân tạo tài khoản, nộp hồ sơ và theo dõi kết quả.", ["42/2022/NĐ-CP"]),
    _doc("tin-tuc/nghi-dinh-142/", "Quy định mới về xử phạt vi phạm hành chính",
         "article", CCHC, "2022-12-01",
         "Nghị định 142/2021/NĐ-CP sửa đổi quy định xử phạt; các cơ quan cần rà soát hồ sơ đang xử lý.",
         ["142/2021/NĐ-CP"]),
    _doc("tin-tuc/phi-thuy-loi/", "Miễn phí thuỷ lợi cho hộ nông dân",
         "article", CCHC, "2021-06-30",
         "Từ năm 2021, hộ gia đình sử dụng nước tưới được miễn phí dịch vụ thuỷ lợi theo quy định."),
    _doc("hoi-dap/so-tay-hoa-giai/", HANDBOOK, "qa", HOA_GIAI, "2024-06-01",
         "Hòa giải viên ở cơ sở cần đáp ứng tiêu chuẩn gì? Người được bầu làm hòa giải viên phải là công "
         "dân Việt Nam thường trú tại cơ sở, tự nguyện tham gia hoạt động hòa giải. "
         "Điều 5 của Luật Hòa giải ở cơ sở quy định những nguyên tắc nào? Hoạt động hòa giải phải tôn "
         "trọng sự tự nguyện của các bên. Căn cứ pháp lý: Điều 5 Luật Hòa giải ở cơ sở năm 2013. "
         "Tổ hòa giải có bao nhiêu thành viên? Tổ hòa giải có từ 03 hòa giải viên trở lên.",
         ["35/2013/QH13"]),
    _doc("hoi-dap/so-tay-hoa-giai/hoa-giai-vien-tieu-chuan/", "Hòa giải viên ở cơ sở cần đáp ứng tiêu chuẩn gì?",
         "question", HOA_GIAI, "2024-06-01",
         "Người được bầu làm hòa giải viên phải là công dân Việt Nam thường trú tại cơ sở, tự nguyện tham "
         "gia hoạt động hòa giải, có phẩm chất đạo đức tốt. Căn cứ pháp lý: Điều 7 Luật Hòa giải ở cơ sở.",
         ["35/2013/QH13"], HANDBOOK),
    _doc("hoi-dap/so-tay-hoa-giai/nguyen-tac-hoa-giai/", "Điều 5 của Luật Hòa giải ở cơ sở quy định những nguyên tắc nào?",
         "question", HOA_GIAI, "2024-06-01",
         "Hoạt động hòa giải phải tôn trọng sự tự nguyện của các bên, khách quan, công bằng, kịp thời. "
         "Căn cứ pháp lý: Điều 5 Luật Hòa giải ở cơ sở năm 2013.", ["35/2013/QH13"], HANDBOOK),
    _doc("hoi-dap/so-tay-hoa-giai/to-hoa-giai-thanh-vien/", "Tổ hòa giải có bao nhiêu thành viên?",
         "question", HOA_GIAI, "2024-06-01",
         "Tổ hòa giải có từ 03 hòa giải viên trở lên, trong đó có tổ trưởng. Căn cứ pháp lý: Điều 50 "
         "không áp dụng; xem Điều 12 Luật Hòa giải ở cơ sở, có 5 điều khoản liên quan.", ["35/2013/QH13"], HANDBOOK),
)

# Query -> url expected first (with and without tone marks, numbers as people type them).
EXPECTED_FIRST = {
    "phap luat": "tin-tuc/tang-cuong-pho-bien-phap-luat/",
    "pháp luật": "tin-tuc/tang-cuong-pho-bien-phap-luat/",
    "dat dai": "tin-tuc/luat-dat-dai-2024/",
    "đất đai": "tin-tuc/luat-dat-dai-2024/",
    "dieu 5": "hoi-dap/so-tay-hoa-giai/nguyen-tac-hoa-giai/",
    "31/2024/QH15": "tin-tuc/luat-dat-dai-2024/",
    "432/QĐ-UBND": "tin-tuc/quyet-dinh-432/",
    "432/QD-UBND": "tin-tuc/quyet-dinh-432/",
    "nghi dinh 42": "huong-dan/dich-vu-cong-truc-tuyen/",
    "thủy lợi": "tin-tuc/phi-thuy-loi/",
    "thuỷ lợi": "tin-tuc/phi-thuy-loi/",
}
HOA_GIAI_ITEMS = {
    "tin-tuc/hoa-giai-vien-gioi/",
    "hoi-dap/so-tay-hoa-giai/",
    "hoi-dap/so-tay-hoa-giai/hoa-giai-vien-tieu-chuan/",
    "hoi-dap/so-tay-hoa-giai/nguyen-tac-hoa-giai/",
    "hoi-dap/so-tay-hoa-giai/to-hoa-giai-thanh-vien/",
}
HOA_GIAI_DISTRACTOR = "tin-tuc/hoa-giai-mau-thuan-gia-dinh/"
