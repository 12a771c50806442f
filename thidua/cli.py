"""The `thidua` console command: `thidua demo`, `thidua serve`, `thidua synth`, `thidua bench`,
`thidua import-staff FILE`, `thidua worker`, `thidua eligibility FILE.json`, and every manage.py command (`thidua migrate`, ...)."""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "demo": "Nạp dữ liệu mẫu (nếu chưa có) rồi chạy máy chủ: thidua demo [--port N]",
    "serve": "Chạy máy chủ web: thidua serve [--host H] [--port N]",
    "worker": "Chạy tiến trình xử lý việc nền (môi trường sản xuất)",
    "synth": "Sinh dữ liệu quy mô tỉnh: thidua synth --agencies 40 --staff 25000",
    "bench": "Đo tốc độ các trang chính ở hai quy mô",
    "import-staff": "Nhập cán bộ từ tệp: thidua import-staff FILE --agency TÊN [--dry-run]",
    "import-plan": "Đọc văn bản kế hoạch và in đề xuất: thidua import-plan FILE --json",
    "restore-accents": "In văn bản đã khôi phục dấu: thidua restore-accents FILE",
    "export-fund": "Xuất sổ quỹ của một đợt vận động ra XLSX: thidua export-fund CAMPAIGN_ID FILE",
    "eligibility": "Xét điều kiện khen thưởng kèm căn cứ pháp lý: thidua eligibility FILE.json [--json]",
    "purge-exports": "Xóa các tệp xuất đã quá thời hạn lưu (THIDUA_EXPORT_RETENTION_HOURS)",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print("thidua — Thi Đua\n\nLệnh:")
        for name, text in COMMANDS.items():
            print(f"  {name:<14} {text}")
        print("  (và mọi lệnh của manage.py, vd. thidua migrate, thidua createsuperuser)")
        return
    command = argv[0].replace("-", "_") if argv[0] in COMMANDS else argv[0]
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 -- loads the settings, which refuse an unsafe production set-up
    except ImproperlyConfigured as exc:
        print(f"thidua: không khởi động được: {exc}", file=sys.stderr)
        sys.exit(2)

    execute_from_command_line(["thidua", command, *argv[1:]])


if __name__ == "__main__":
    main()
