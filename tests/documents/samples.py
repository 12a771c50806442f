"""A hand-made Kế hoạch resembling 2679/KH-SGTVT (Sở GTVT Cao Bằng, 20/10/2022), with parts of its real text."""

from __future__ import annotations

import datetime as dt

from thidua.documents.nd30 import AdminDocument, Block

MOVEMENT = "“Vì người nghèo - Không để ai bị bỏ lại phía sau”"


def plan_2679() -> AdminDocument:
    return AdminDocument(
        governing_body="UBND tỉnh Cao Bằng",
        issuing_body="Sở Giao thông vận tải",
        number="2679/KH-SGTVT",
        place="Cao Bằng",
        issued_on=dt.date(2022, 10, 20),
        doc_type="Kế hoạch",
        title=f"Thực hiện Phong trào thi đua {MOVEMENT} giai đoạn 2021 - 2025",
        intro=(
            "Thực hiện Kế hoạch số 2451/KH-UBND ngày 26/9/2022 của Ủy ban nhân dân (UBND) tỉnh Cao Bằng về việc "
            f"thực hiện Phong trào thi đua {MOVEMENT} giai đoạn 2021 - 2025 trên địa bàn tỉnh Cao Bằng, Sở Giao "
            f"thông vận tải ban hành Kế hoạch thực hiện Phong trào thi đua {MOVEMENT} giai đoạn 2021 - 2025 với "
            "các nội dung như sau:"
        ),
        body=[
            Block("heading1", "I. MỤC ĐÍCH, YÊU CẦU"),
            Block("heading2", "1. Mục đích"),
            Block("item", "- Đẩy mạnh công tác tuyên truyền, phổ biến, quán triệt các chủ trương, đường lối của Đảng, "
                          "chính sách pháp luật của Nhà nước về giảm nghèo bền vững, giải quyết việc làm, nhằm nâng "
                          "cao nhận thức, tạo khí thế thi đua sôi nổi trong toàn cơ quan góp phần thực hiện thắng lợi "
                          "chính sách, chương trình giảm nghèo của Đảng, Nhà nước và của Tỉnh."),
            Block("item", "- Cụ thể hóa việc triển khai các nội dung phong trào thi đua; đẩy mạnh, nâng cao chất lượng "
                          f"phong trào thi đua; tổ chức phong trào thi đua {MOVEMENT} thiết thực, hiệu quả."),
            Block("heading2", "2. Yêu cầu"),
            Block("item", "- Việc thực hiện phong trào thi đua phải trở thành nhiệm vụ trọng tâm, thường xuyên trong "
                          "phong trào thi đua của cơ quan, đơn vị."),
            Block("heading1", "II. NỘI DUNG THI ĐUA, GIẢI PHÁP THỰC HIỆN"),
            Block("heading2", "1. Nội dung thi đua"),
            Block("item", "a) Tuyên truyền, vận động công chức, viên chức, người lao động trong ngành và các tầng lớp "
                          "Nhân dân tham gia công tác giảm nghèo bền vững và an sinh xã hội; tiếp tục triển khai Cuộc "
                          "vận động “Vì người nghèo” nhân tháng cao điểm “Vì người nghèo” hằng năm."),
            Block("item", "b) Thi đua đoàn kết giúp nhau giảm nghèo và từng bước làm giàu; phát huy sáng tạo, đề xuất "
                          "các hình thức, giải pháp hỗ trợ người nghèo tham gia lao động, phát triển sản xuất, giúp đỡ "
                          "hộ nghèo, địa bàn đặc biệt khó khăn cùng thoát nghèo."),
            Block("heading1", "III. KHEN THƯỞNG"),
            Block("heading2", "1. Hình thức khen thưởng"),
            Block("item", "a) Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: thực hiện hằng năm và vào dịp sơ kết, tổng "
                          "kết phong trào thi đua."),
            Block("item", "b) Giấy khen của Giám đốc Sở GTVT: thực hiện hằng năm và vào dịp sơ kết, tổng kết phong "
                          "trào thi đua."),
            Block("heading2", "2. Tiêu chuẩn"),
            Block("paragraph", "Thực hiện theo văn bản hướng dẫn hằng năm và vào dịp sơ kết, tổng kết phong trào thi "
                               "đua của Sở Nội vụ (Ban Thi đua - Khen thưởng)."),
            Block("heading1", "IV. TỔ CHỨC THỰC HIỆN"),
            Block("heading2", "1. Văn phòng Sở"),
            Block("paragraph", "Thực hiện tốt công tác thông tin tuyên truyền chủ trương của Đảng, Nhà nước về công "
                               "tác giảm nghèo, kết quả công tác giảm nghèo của tỉnh, trọng tâm là các gương điển hình "
                               "tiên tiến vươn lên thoát nghèo, các mô hình phát triển kinh tế."),
            Block("closing", f"Trên đây là Kế hoạch thực hiện phong trào thi đua {MOVEMENT} giai đoạn 2021 - 2025 "
                             "của Sở Giao thông vận tải tỉnh Cao Bằng./."),
        ],
        recipients=[
            "Ban TĐKT, Sở Nội vụ Cao Bằng;",
            "Khối Thi đua I;",
            "Lãnh đạo Sở;",
            "Các phòng, ban, đơn vị trực thuộc;",
            "Công đoàn cơ sở GTVT;",
            "Đoàn Thanh niên CSHCM Sở;",
            "Trang Thông tin điện tử Sở GTVT;",
            "Lưu: VT, VP (TĐKT).",
        ],
        signer_title="KT. Giám đốc\nPhó Giám đốc",
        signer_name="Lê Văn Định",
    )
