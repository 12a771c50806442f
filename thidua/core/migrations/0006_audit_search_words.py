"""The audit log's search column also holds the action's name and the changed values (core.audit.search_text),
so that "khóa sổ" finds a campaign whose status became "Đã khóa sổ". Rows written before are given the same
column here (the rows stay append-only for the application; this fills a derived search column only)."""

from django.db import migrations

from thidua.core.text import search_key

#: the action names as they were when this migration was written (Vietnamese, as the log stores them)
ACTION_LABELS = {
    "create": "Tạo mới", "update": "Sửa đổi", "move": "Chuyển", "deactivate": "Ngừng hoạt động",
    "reactivate": "Hoạt động lại", "role_grant": "Cấp vai trò", "role_revoke": "Thu hồi vai trò",
    "login": "Đăng nhập", "login_failed": "Đăng nhập thất bại", "logout": "Đăng xuất",
    "password_change": "Đổi mật khẩu", "password_reset": "Đặt lại mật khẩu", "import": "Nhập dữ liệu",
    "account_create": "Tạo tài khoản", "account_disable": "Khóa tài khoản", "account_enable": "Mở lại tài khoản",
}
BATCH = 2000


def _words(changes) -> list[str]:
    words = []
    for values in (changes or {}).values():
        for value in values if isinstance(values, (list, tuple)) else [values]:
            if isinstance(value, str):
                words.append(value[:200])
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                words.append(str(value))
    return words


def fill(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(pk__gt=last).order_by("pk")
                    .only("pk", "action", "target_repr", "actor_name", "note", "changes", "search_key")[:BATCH])
        if not rows:
            return
        for row in rows:
            text = " ".join([ACTION_LABELS.get(row.action, row.action), row.target_repr, row.actor_name, row.note,
                             *_words(row.changes)])
            row.search_key = search_key(text)
        AuditEvent.objects.bulk_update(rows, ["search_key"])
        last = rows[-1].pk


class Migration(migrations.Migration):

    dependencies = [("core", "0005_accounts_must_change_password")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
