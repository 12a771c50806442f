"""Named audit constructors. Every state change in the application records one of these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import translation

from .middleware import current_request
from .models import AuditAction, AuditEvent
from .text import search_key, user_display_name


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The current values of the named fields, as JSON-safe values (FKs by their display text), in Vietnamese
    whatever the interface language: the log is a record of the agency."""
    with translation.override("vi"):
        return _snapshot(instance, fields)


def _snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.is_relation:
            values[name] = _plain(getattr(instance, name))
        elif getattr(field, "choices", None):
            values[name] = getattr(instance, f"get_{name}_display")()
        else:
            values[name] = _plain(getattr(instance, name))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def action_label(action: str) -> str:
    """The action's Vietnamese name, as stored in the search column (the log is a record of the agency)."""
    with translation.override("vi"):
        return str(AuditAction(action).label) if action in AuditAction.values else action


def _change_words(changes: dict | None) -> list[str]:
    words = []
    for values in (changes or {}).values():
        for value in values if isinstance(values, (list, tuple)) else [values]:
            if isinstance(value, str):
                words.append(value[:200])
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                words.append(str(value))
    return words


def search_text(action: str, target_repr: str, actor_name: str, note: str, changes: dict | None = None) -> str:
    """The accent-folded search column of an audit row: the action's name, the object, who, the note and the
    changed values ("khóa sổ" finds a campaign whose status became "Đã khóa sổ")."""
    return search_key(" ".join([action_label(action), target_repr, actor_name, note, *_change_words(changes)]))


def record(
    action: str,
    target: models.Model | None = None,
    *,
    actor=None,
    target_type: str = "",
    target_id: str = "",
    target_repr: str = "",
    agency_id: int | None = None,
    changes: dict | None = None,
    note: str = "",
    ip: str | None = None,
) -> AuditEvent:
    info = current_request()
    if actor is None and info is not None and info.user_id is not None:
        from django.contrib.auth import get_user_model

        actor = get_user_model().objects.filter(pk=info.user_id).first()
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
        target_repr = target_repr or str(target)
        if agency_id is None:
            agency_id = getattr(target, "audit_agency_id", None)
    actor_name = ""
    if actor is not None and getattr(actor, "pk", None):
        actor_name = user_display_name(actor)
    event = AuditEvent(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_name=actor_name,
        ip=ip if ip is not None else (info.ip if info else ""),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr[:255],
        agency_id=agency_id,
        changes=changes or {},
        note=note,
        search_key=search_text(action, target_repr, actor_name, note, changes),
    )
    event.save()
    return event


def created(target: models.Model, fields: list[str], *, actor=None, note: str = "") -> AuditEvent:
    values = snapshot(target, fields)
    return record(
        AuditAction.CREATE, target, actor=actor, changes={k: [None, v] for k, v in values.items()}, note=note
    )


def changed(target: models.Model, before: dict, *, actor=None, note: str = "", action: str = AuditAction.UPDATE):
    after = snapshot(target, list(before))
    changes = diff(before, after)
    if not changes and not note:
        return None
    return record(action, target, actor=actor, changes=changes, note=note)


def login_failed(username: str, ip: str, *, reason: str = "") -> AuditEvent:
    return record(
        AuditAction.LOGIN_FAILED,
        target_type="auth.user",
        target_id="",
        target_repr=username[:150],
        note=reason,
        ip=ip,
    )


# --- accounts -------------------------------------------------------------------------------------------------


def _account_repr(user) -> str:
    name = user_display_name(user)
    username = user.get_username()
    return f"{username} ({name})" if name and name != username else username


def account_created(user, *, actor, agency_id: int | None, note: str = "") -> AuditEvent:
    return record(AuditAction.ACCOUNT_CREATE, user, actor=actor, target_repr=_account_repr(user),
                  agency_id=agency_id, changes={"username": [None, user.get_username()]}, note=note)


def account_disabled(user, *, actor, agency_id: int | None, reason: str = "") -> AuditEvent:
    return record(AuditAction.ACCOUNT_DISABLE, user, actor=actor, target_repr=_account_repr(user),
                  agency_id=agency_id, changes={"is_active": [True, False]}, note=reason)


def account_enabled(user, *, actor, agency_id: int | None, note: str = "") -> AuditEvent:
    return record(AuditAction.ACCOUNT_ENABLE, user, actor=actor, target_repr=_account_repr(user),
                  agency_id=agency_id, changes={"is_active": [False, True]}, note=note)
