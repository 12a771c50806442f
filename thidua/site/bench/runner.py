"""`thidua bench`: the key pages at two scales (the demo agency, then the demo plus a synthetic province) on a
throwaway database of the configured kind (SQLite file, or a temporary PostgreSQL database), in one run.

The pages are listed by the modules beside this one (see thidua.site.bench)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.test import Client

from thidua.core.heap import freeze_startup_heap

from .page import BenchPage


def all_pages() -> list[BenchPage]:
    """Every page the bench measures, in the order it prints them."""
    from . import awards, base, fund, participation

    return [*base.pages(), *participation.pages(), *fund.pages(), *awards.pages()]


def measure(page: BenchPage, clients: dict[str, Client], warmup: int, repeat: int) -> dict:
    client = clients.get(page.username or "")
    if client is None and page.username is None:
        client = clients[""] = Client()
    if client is None:
        from django.contrib.auth import get_user_model

        client = Client()
        client.force_login(get_user_model().objects.get(username=page.username))
        clients[page.username] = client
    url = page.url()
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.name}: {url} answered {response.status_code}")
    freeze_startup_heap()  # as `thidua serve` does once warm (thidua.core.heap): data made so far is not garbage
    counted = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: (counted.append(sql),
                                                                                 execute(sql, params, many, context))[1]):
        client.get(url)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 2),
        "queries": len(counted),
    }


def _import_benchmark(rows: int, workdir: Path, out) -> dict:
    """Write an XLSX of `rows` staff for one synthetic agency and import it with the real command, in a child
    process whose peak memory is measured."""
    import datetime as dt

    import openpyxl

    from thidua.org.enums import AGENCY_KINDS
    from thidua.org.models import OrgUnit

    agency = OrgUnit.objects.filter(kind__in=AGENCY_KINDS, code__startswith="SYN-").order_by("path").first()
    if agency is None:
        return {}
    units = list(OrgUnit.objects.filter(agency=agency, is_active=True).values_list("name", flat=True))
    path = workdir / "bench-staff.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Cán bộ")
    sheet.append(["Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị", "Chức vụ", "Ngạch", "Loại cán bộ"])
    surnames = ["Nguyễn", "Hoàng", "Nông", "Lương", "Đàm", "Bế", "Triệu", "Lục", "Mã", "Hà"]
    middles = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc"]
    given = ["An", "Bình", "Cường", "Dũng", "Đông", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Mai", "Nam"]
    for i in range(rows):
        name = f"{surnames[i % 10]} {middles[(i // 10) % 6]} {given[(i // 60) % 14]} Nhập{i}"
        birth = dt.date(1965 + i % 35, 1 + i % 12, 1 + i % 28)
        sheet.append([name, "Nữ" if i % 2 else "Nam", birth, units[i % len(units)], "Chuyên viên", "Chuyên viên",
                      "Công chức"])
    workbook.save(path)
    seconds, peak_mb, stdout = measured_command(["import-staff", str(path), "--agency", str(agency.pk)], workdir)
    out(stdout.strip().splitlines()[-1])
    return {"rows": rows, "seconds": seconds, "peak_rss_mb": peak_mb}


#: run in the child: the command, then its own peak memory. VmHWM belongs to the process's own memory map, unlike
#: ru_maxrss, which on Linux also remembers the parent's pages copied at fork time.
_CHILD = """
import atexit, sys
from thidua.cli import main

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            print("THIDUA_PEAK_KB", line.split()[1])

atexit.register(peak)
sys.argv = ["thidua", *sys.argv[1:]]
main()
"""


def measured_command(args: list[str], workdir: Path) -> tuple[float, float, str]:
    """Run `thidua ARGS` in a child process on the bench database; its own wall time and peak memory (MB)."""
    env = dict(os.environ)
    env["DATABASE_URL"] = _database_url()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    text = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"thidua {args[0]} failed: {text[-2000:]}")
    peak_kb = next((int(line.split()[1]) for line in proc.stdout.splitlines() if line.startswith("THIDUA_PEAK_KB")), 0)
    output = "\n".join(line for line in proc.stdout.splitlines() if not line.startswith("THIDUA_PEAK_KB"))
    return round(seconds, 2), round(peak_kb / 1024, 1), output


#: run in the child: one document function on one decision, then its own peak memory (like _CHILD)
_CALL_CHILD = """
import os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
django.setup()
from importlib import import_module
from thidua.awards.models import Decision

module, name, decision_id, target = sys.argv[1:5]
function = getattr(import_module(module), name)
decision = Decision.objects.get(pk=int(decision_id))
from thidua.awards.models import SigningIdentity
if not SigningIdentity.objects.filter(agency=decision.agency, is_active=True).exists():
    # a synthetic agency has no certificate: a self-signed one for the signed PDFs, as the demo has
    from thidua.awards.signing import install_identity, make_self_signed
    install_identity(decision.agency, make_self_signed(decision.agency), "", actor=None)
start, cpu = time.perf_counter(), time.process_time()
data = function(decision)
print("THIDUA_SECONDS", round(time.perf_counter() - start, 2))
print("THIDUA_CPU", round(time.process_time() - cpu, 2))
open(target, "wb").write(data)
print("THIDUA_BYTES", len(data))
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print("THIDUA_PEAK_KB", line.split()[1])
"""


def measured_call(module: str, name: str, decision_id: int, target: Path) -> dict:
    """`module.name(decision)` in a child process on the bench database: the function's own seconds (wall and the
    child's CPU), the child's wall time and peak memory (MB), the size of what it returned (written to `target`)."""
    env = dict(os.environ)
    env["DATABASE_URL"] = _database_url()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CALL_CHILD, module, name, str(decision_id), str(target)], env=env,
                          capture_output=True, text=True)
    wall = round(time.perf_counter() - start, 2)
    if proc.returncode != 0:
        raise RuntimeError(f"{module}.{name} failed: {(proc.stdout + proc.stderr)[-2000:]}")
    found = {line.split()[0]: line.split()[1] for line in proc.stdout.splitlines() if line.startswith("THIDUA_")}
    return {"seconds": float(found.get("THIDUA_SECONDS", wall)), "cpu_seconds": float(found.get("THIDUA_CPU", 0)),
            "wall_seconds": wall,
            "peak_rss_mb": round(int(found.get("THIDUA_PEAK_KB", 0)) / 1024, 1), "bytes": int(found.get("THIDUA_BYTES", 0))}


#: the issue 10 documents timed at province scale: (result key, module, function, awardees wanted, what it is)
DOCUMENT_RUNS = [
    ("decision_docx", "thidua.awards.decision_docs", "decision_docx", 500, "Quyết định khen thưởng ra DOCX"),
    ("decision_pdf", "thidua.awards.decision_docs", "decision_pdf", 500, "Quyết định khen thưởng ra PDF"),
    ("certificates_pdf", "thidua.awards.certificates", "decision_certificates_pdf", 1000,
     "Giấy khen của cả quyết định ra một tệp PDF"),
]


def _document_benchmarks(workdir: Path, out) -> dict:
    """One decision with 500 awardees to DOCX and PDF, and the 1 000 certificates of one decision as one PDF, each in
    a child process (seconds, peak memory). A module not in the project yet is skipped with a note."""
    import importlib.util

    from .awards import decision_awards, decision_with

    results = {}
    for key, module, name, wanted, label in DOCUMENT_RUNS:
        try:
            present = importlib.util.find_spec(module) is not None and hasattr(importlib.import_module(module), name)
        except ImportError:
            present = False
        if not present:
            results[key] = {"skipped": f"{module}.{name} chưa có trong mã nguồn"}
            out(f"{label}: bỏ qua ({module}.{name} chưa có)")
            continue
        decision = decision_with(wanted)
        if decision is None:
            results[key] = {"skipped": "không có quyết định đã ký"}
            out(f"{label}: bỏ qua (không có quyết định đã ký)")
            continue
        try:
            result = measured_call(module, name, decision.pk, workdir / f"bench-{key}.bin")
        except RuntimeError as exc:
            results[key] = {"error": str(exc)[-500:]}
            out(f"{label}: lỗi — {str(exc)[-300:]}")
            continue
        result["awardees"] = decision_awards(decision)
        results[key] = result
        per_page = round(result["cpu_seconds"] * 1000 / result["awardees"], 1) if result["awardees"] else 0
        out(f"{label} ({result['awardees']} người): {result['seconds']} s (CPU {result['cpu_seconds']} s, "
            f"{per_page} ms/người), bộ nhớ đỉnh {result['peak_rss_mb']} MB, {result['bytes'] // 1024} KB")
    return results


def _fund_export_benchmark(workdir: Path, out) -> dict:
    """A full XLSX export of the largest campaign's ledger, in a child process: time and peak memory."""
    from thidua.fund.models import Campaign

    campaign = Campaign.objects.select_related("ledger").order_by("-ledger__entry_count", "id").first()
    if campaign is None:
        return {}
    seconds, peak_mb, _text = measured_command(["export-fund", str(campaign.pk), str(workdir / "so-quy.xlsx")],
                                               workdir)
    result = {"entries": campaign.ledger.entry_count, "seconds": seconds, "peak_rss_mb": peak_mb}
    out(f"Xuất sổ quỹ {result['entries']} bút toán ra XLSX: {seconds} s, bộ nhớ đỉnh {peak_mb} MB")
    return result


def _plan_benchmark(out) -> dict:
    """Import time of the 2679 scan and of a DOCX plan; diacritics word accuracy on the 2679 pair."""
    from thidua.documents.nd30 import build_docx
    from thidua.movements.accents.evaluate import score_2679
    from thidua.movements.document import plan_document
    from thidua.movements.extract import extract_text
    from thidua.movements.importing import propose
    from thidua.movements.models import Movement

    data_dir = Path(__file__).resolve().parents[2] / "movements" / "data"
    scan = (data_dir / "2679-KH-SGTVT.ocr.txt").read_bytes()
    docx = build_docx(plan_document(Movement.objects.get(code="vi-nguoi-ngheo-2021-2025")))
    timings = {}
    for name, filename, data in (("scan_2679", "2679.ocr.txt", scan), ("docx_plan", "2679.docx", docx)):
        start = time.perf_counter()
        proposal = propose(extract_text(filename, data).text)["proposal"]
        timings[f"{name}_seconds"] = round(time.perf_counter() - start, 3)
        if proposal.get("number") != "2679/KH-SGTVT":
            raise RuntimeError(f"{name}: the plan number was not recognised")
    timings["accent_accuracy_2679"] = round(score_2679(), 3)
    out(f"Nhập bản quét 2679: {timings['scan_2679_seconds']} s; nhập DOCX: {timings['docx_plan_seconds']} s; "
        f"độ chính xác khôi phục dấu trên 2679: {timings['accent_accuracy_2679']}")
    return timings


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


def run(*, agencies: int, staff: int, warmup: int, repeat: int, import_rows: int, households: int = 60000,
        activities: int = 500000, fund_rows: int = 500000, nominations: int = 20000, votes: int = 200000,
        awards: int = 200000, out=print) -> dict:
    from thidua.org.synth import synth
    from thidua.site.demo import load_all

    workdir = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    db = connections["default"]
    if db.vendor == "sqlite":
        db.settings_dict.setdefault("TEST", {})["NAME"] = str(workdir / "bench.sqlite3")
    original_name = db.settings_dict["NAME"]
    test_name = db.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    settings.JOBS_MODE = "immediate"
    try:
        pages = all_pages()
        out(f"Cơ sở dữ liệu đo: {db.vendor} ({test_name})")
        load_all(out=lambda *a: None)
        clients: dict[str, Client] = {}
        small = {p.name: measure(p, clients, warmup, repeat) for p in pages}
        t0 = time.perf_counter()
        synth(agencies=agencies, staff=staff, out=lambda *a: None)
        from thidua.movements.synth import synth_movements

        synth_movements(out=lambda *a: None)
        from thidua.fund.synth import synth_fund
        from thidua.participation.synth import synth_participation

        t1 = time.perf_counter()
        synth_participation(households=households, activities=activities, out=lambda *a: None)
        synth_fund(rows=fund_rows, out=lambda *a: None)
        out(f"Đã sinh {households} hộ, {activities} hoạt động, {fund_rows} bút toán quỹ trong "
            f"{time.perf_counter() - t1:.1f} s")
        from thidua.awards.synth import synth_awards

        t2 = time.perf_counter()
        made = synth_awards(nominations=nominations, votes=votes, awards=awards, out=lambda *a: None)
        out(f"Đã sinh {nominations} đề nghị khen thưởng, {votes} phiếu biểu quyết, {made['awards']} khen thưởng trong "
            f"{time.perf_counter() - t2:.1f} s (quyết định và lịch sử khen thưởng: {made['awards_seconds']} s)")
        out(f"Đã sinh {agencies} cơ quan, {staff} cán bộ trong {time.perf_counter() - t0:.1f} s")
        if db.vendor == "postgresql":
            with db.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with db.cursor() as cursor:
                cursor.execute("ANALYZE")
        large = {p.name: measure(p, clients, warmup, repeat) for p in pages}
        result: dict = {"pages": {}, "floor_p50_ms": large["floor"]["p50_ms"] if "floor" in large else None}
        out(f"{'trang':<26}{'p50 nhỏ':>10}{'p50 lớn':>10}{'tăng':>8}{'p95 lớn':>10}{'truy vấn':>12}")
        for name in small:
            s, g = small[name], large[name]
            growth = round(g["p50_ms"] / s["p50_ms"], 2) if s["p50_ms"] else None
            result["pages"][name] = {
                "p50_ms_small": s["p50_ms"], "p50_ms_large": g["p50_ms"], "growth": growth,
                "p95_ms_large": g["p95_ms"], "queries_small": s["queries"], "queries_large": g["queries"],
            }
            out(f"{name:<26}{s['p50_ms']:>10.2f}{g['p50_ms']:>10.2f}{growth:>8.2f}{g['p95_ms']:>10.2f}"
                f"{s['queries']:>6}/{g['queries']:<5}")
        result["plan_import"] = _plan_benchmark(out)
        from .awards import consolidated_export

        result["consolidated_export"] = consolidated_export(out)
        db.close()
        result["fund_export"] = _fund_export_benchmark(workdir, out)
        db.close()
        result["documents"] = _document_benchmarks(workdir, out)
        if import_rows:
            db.close()
            result["staff_import"] = _import_benchmark(import_rows, workdir, out)
            out(f"Nhập {import_rows} cán bộ: {result['staff_import'].get('seconds')} s, "
                f"bộ nhớ đỉnh {result['staff_import'].get('peak_rss_mb')} MB")
        return result
    finally:
        db.close()
        db.creation.destroy_test_db(original_name, verbosity=0)
