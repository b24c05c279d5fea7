#!/usr/bin/env python3
"""Independent reference implementation (oracle) of the lpg monthly report.json,
format "lpg-report/2".

Usage: python3 report_oracle.py DATA_DIR AS_OF_RFC3339 OUT_DIR
Writes OUT_DIR/YYYY-MM.json for every report month R, from the month after the
earliest month with a hazard known at AS_OF up to the month of AS_OF (see
/work/shared/DESIGN.md, "Status model", "Time", "Monthly report R").  Standard
library only; no git: receipt times come from receipts.csv alone.  AS_OF plays
the role of the build's as_of (`lpg build --as-of`).

Ambiguities and how this oracle resolves them
---------------------------------------------
 1. "Earliest month with a hazard known at as_of" = the earliest hazards/YYYY-MM/
    folder holding at least one hazard row of a file counted at as_of (see 14);
    empty folders / header-only files / files received after as_of are ignored.
 2. Rectification rows are looked up by hazard_id among the counted files of
    rectifications/<hazard month>/ (any town file of that month; valid data puts it
    in the hazard's own town file).  Rows in other months' folders are ignored, and
    so are rows whose hazard is not known at as_of.  If one id appears more than
    once, the last row read (files in sorted order) wins (valid data never has this).
 3. A 当场整改 hazard without a (counted) town row counts as "rectified" on its
    inspection date.  A town row always wins, even if it says 整改中 etc.  When the
    only town row is in a file received after as_of, the row is left out and the
    当场整改 default applies again.
 4. Status at t (t = as_of_R; "date of t" = its calendar date in Asia/Shanghai):
    void (核实无此隐患) is closed whatever its date; any other closed status is closed
    when 整改完成日期 <= date of t, else it counts as in_progress (整改中) at t - in
    the rectification cohort and in "open" alike.  A non-void closed row without
    a 整改完成日期 (invalid data) is treated as closed (the date is unknown, so it
    cannot be "after t").
 5. escalated = not closed at t and 移交联合整治 == 是, so a row with a closed status
    dated after t and 是 is escalated at t.  Only a town row can say 是.
 6. overdue (用户逾期未整改): not closed at t and due_date 23:59:59+08:00 < t (strictly;
    exactly at 23:59:59 is not overdue, one second later is).  town_overdue (街镇
    逾期未办结): not closed at t and t > the town deadline (18) and t > due_date
    23:59:59.  With on-time data (town deadline = end of M+2) and as_of_R <= end
    of R, town_overdue can only happen for hazards of months <= R-3.
 7. by_* maps omit keys with zero count, including new_hazards.by_severity and
    open.by_severity (the DESIGN example shows {"重大": 0} only as a shape);
    rectification.by_town omits towns whose total is 0; open.by_town omits towns
    whose open is 0.  by_town keys are 9-digit town codes; by_type keys are type
    codes; by_enterprise keys are the file-name stems.
 8. closure_rate = (rectified + eliminated + void) / total, with pending and
    unreported in total, rounded half away from zero to 4 places using exact
    rational arithmetic, emitted as a float (0.0 when total is 0).  Compare numbers
    numerically (Go may print 0 where this prints 0.0).
 9. as_of_R = min(as_of, end of R at 23:59:59+08:00), always printed in +08:00 as
    YYYY-MM-DDTHH:MM:SS+08:00 (fractional seconds dropped); same for received_at
    (receipt times are converted to +08:00).
10. Submissions list only the EXPECTED files (hazards R-1 for every enterprise
    active in R-1; rectifications R-2 for every town with >= 1 hazard of R-2
    KNOWN at as_of - a hazard of a file received after as_of does not make its
    town expected).  Files present but not expected are not listed.
11. Submission status (receipt = earliest receipts.csv time of the path):
      - file absent from the tree -> not received (receipts.csv is not consulted).
      - file present and listed with received_at <= as_of (the BUILD's as_of, not
        as_of_R) -> on_time (received <= due) / late (> due), received_at = the real
        receipt time, even when it is after as_of_R.
      - file present and listed with received_at > as_of -> not received.
      - file present and not listed -> unknown, received_at null.
    Not received -> pending if as_of_R < due else missing; received_at null.
    Receipt paths are matched after stripping a leading "./" and normalising "\\"
    to "/"; they are expected as data/hazards/2026-09/E01.csv (a path without the
    "data/" prefix is accepted too).  Only one receipt time per path is used
    (no git, so no versions): a file is counted whole or not at all.
12. incomplete.hazards / incomplete.rectifications = the submitters of the listed
    (expected) submissions whose status is pending or missing; unknown, on_time
    and late are complete.  Both lists always present, sorted.
13. rectification cohort: a hazard with no counted town row and no 当场整改 default
    is pending when as_of_R < its town deadline (18; end of R, the cohort's 汇总表
    due, for a row received on time), else unreported (so a report at its full
    cut-off, as_of_R == end of R, says unreported for on-time rows).  "open"
    counts them as open either way.
14. Rows counted: every row of a file with no receipts.csv line (unknown) or a
    receipt <= as_of; the rows of a file received after as_of are left out
    entirely (hazards and rectifications alike).
15. Enterprise activity compares YYYY-MM strings: active_from <= R-1 and
    (active_to empty or R-1 <= active_to).  An empty active_from counts as
    always active from the start.
16. The due_date default is inspection_date + deadline_days (calendar days).  An
    explicit 隐患等级 overrides the type default (by_severity, major_ids).
17. "edition" and "commit" are emitted as null.
18. Town deadline of a hazard (lpg README "设计卡未规定之处的决定", 街镇期限; stronger
    than DESIGN: a town cannot act on a hazard before it reaches the centre) =
    max(end of M+2 23:59:59, end of the month after the month in which the row
    was received, 23:59:59), both +08:00.  The row's receipt is its file's
    receipts.csv time (no git here, so no later versions: every row of a file is
    received with it); a file not listed gives end of M+2.  A row received by
    the end of M+1 (every on-time 排查表) keeps end of M+2.  Used for
    town_overdue (6) and pending vs unreported (13); the 汇总表 submission
    status (11) keeps end of M+2.
19. A 汇总表 (rectifications file) without a data row is not a submission
    (lpg README "设计卡未规定之处的决定", 汇总表的收件; adversarial review F15):
    it is treated as absent from the tree in 11, whatever receipts.csv says.
    A header-only 排查表 is a submission (the enterprise found no hazards).
"""

import csv
import datetime as dt
import json
import os
import re
import sys
from fractions import Fraction

TZ = dt.timezone(dt.timedelta(hours=8))

RECTIFIED = {"已整改"}
ELIMINATED = {"已停止使用液化气", "已改用管道燃气或电", "用户已搬离"}
VOID = {"核实无此隐患"}
CLOSED = RECTIFIED | ELIMINATED | VOID
OPEN_MAP = {"整改中": "in_progress", "未整改": "not_rectified", "拒不整改": "refused"}
SEVERITIES = ["重大", "严重", "一般"]

FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９－／．："}
FULLWIDTH[0x3000] = 0x20

ENGLISH_HAZ = {
    "hazard_id": "隐患编号", "town": "街镇", "village": "村居", "hazard_type": "隐患类别",
    "severity": "隐患等级", "onsite_action": "现场处置", "inspection_date": "安检日期",
    "due_date": "整改期限",
}
ENGLISH_RECT = {
    "hazard_id": "隐患编号", "status": "整改状态", "joint_enforcement": "移交联合整治",
}


def norm(s):
    if s is None:
        return ""
    return s.translate(FULLWIDTH).strip()


def read_csv(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    rows = list(csv.reader(text.splitlines()))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        return []
    header = [h.strip().lstrip("\ufeff") for h in rows[0]]
    out = []
    for r in rows[1:]:
        d = {}
        for i, h in enumerate(header):
            d[h] = r[i] if i < len(r) else ""
        out.append(d)
    return out


def field(row, zh, eng_map):
    if zh in row:
        return norm(row[zh])
    for en, z in eng_map.items():
        if z == zh and en in row:
            return norm(row[en])
    return ""


def parse_date(s):
    s = norm(s)
    if not s:
        return None
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if re.fullmatch(r"\d{5}(\.0+)?", s):  # Excel serial
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(s)))
    raise ValueError("bad date %r" % s)


def parse_time(s):
    s = s.strip()
    if s.endswith("Z") or s.endswith("z"):
        s = s[:-1] + "+00:00"
    t = dt.datetime.fromisoformat(s)
    if t.tzinfo is None:
        t = t.replace(tzinfo=TZ)
    return t


def fmt_time(t):
    return t.astimezone(TZ).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def month_add(m, k):
    y, mo = int(m[:4]), int(m[5:7])
    i = y * 12 + (mo - 1) + k
    return "%04d-%02d" % (i // 12, i % 12 + 1)


def last_day(m):
    nxt = month_add(m, 1)
    return dt.date(int(nxt[:4]), int(nxt[5:7]), 1) - dt.timedelta(days=1)


def end_of_day(d):
    return dt.datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=TZ)


def end_of_month(m):
    return end_of_day(last_day(m))


def hazard_due(m):  # hazard file for month m
    n = month_add(m, 1)
    return dt.datetime(int(n[:4]), int(n[5:7]), 25, 23, 59, 59, tzinfo=TZ)


def rect_due(m):  # rectification file for month m
    return end_of_month(month_add(m, 2))


def town_due(h):  # the town's deadline for hazard h (18)
    due = rect_due(h["month"])
    rt = h["received"]
    if rt is not None:
        late = end_of_month(month_add(rt.astimezone(TZ).strftime("%Y-%m"), 1))
        if late > due:
            return late
    return due


MONTH_RE = re.compile(r"^\d{4}-\d{2}$")


def norm_path(p):
    p = p.strip().replace("\\", "/")
    if p.startswith("./"):
        p = p[2:]
    if not p.startswith("data/"):
        p = "data/" + p
    return p


def load(data, as_of):
    ref = os.path.join(data, "reference")
    town_by = {}
    for r in read_csv(os.path.join(ref, "towns.csv")):
        c = norm(r["code"])
        town_by[c] = c
        town_by[r["name"].strip()] = c
    types = {}
    type_by = {}
    for r in read_csv(os.path.join(ref, "hazard_types.csv")):
        c = r["code"].strip()
        types[c] = {"severity": r["severity"].strip(), "days": int(norm(r["deadline_days"]))}
        type_by[c] = c
        type_by[r["name"].strip()] = c
    ents = []
    for r in read_csv(os.path.join(ref, "enterprises.csv")):
        ents.append((r["id"].strip(), norm(r.get("active_from", "")), norm(r.get("active_to", ""))))

    receipts = {}
    rp = os.path.join(data, "receipts.csv")
    if os.path.exists(rp):
        for r in read_csv(rp):
            p = norm_path(r.get("path", ""))
            t = parse_time(r.get("received_at", ""))
            if p not in receipts or t < receipts[p]:
                receipts[p] = t

    def counted(path):  # rows of a file received after as_of are left out
        rt = receipts.get(path)
        return rt is None or rt <= as_of

    hazards = []  # dicts
    hdir = os.path.join(data, "hazards")
    hazard_files = set()  # (month, ent): present in the tree
    if os.path.isdir(hdir):
        for m in sorted(os.listdir(hdir)):
            md = os.path.join(hdir, m)
            if not (MONTH_RE.match(m) and os.path.isdir(md)):
                continue
            for fn in sorted(os.listdir(md)):
                if not fn.lower().endswith(".csv"):
                    continue
                ent = fn[:-4]
                hazard_files.add((m, ent))
                hpath = "data/hazards/%s/%s" % (m, fn)
                if not counted(hpath):
                    continue
                for r in read_csv(os.path.join(md, fn)):
                    hid = field(r, "隐患编号", ENGLISH_HAZ)
                    if not hid:
                        continue
                    town_raw = field(r, "街镇", ENGLISH_HAZ)
                    town = town_by.get(town_raw)
                    if town is None:
                        raise SystemExit("unknown town %r in %s" % (town_raw, fn))
                    traw = field(r, "隐患类别", ENGLISH_HAZ)
                    tcode = type_by.get(traw) or type_by.get(traw.upper())
                    if tcode is None:
                        raise SystemExit("unknown type %r in %s" % (traw, fn))
                    sev = field(r, "隐患等级", ENGLISH_HAZ) or types[tcode]["severity"]
                    insp = parse_date(field(r, "安检日期", ENGLISH_HAZ))
                    due = parse_date(field(r, "整改期限", ENGLISH_HAZ))
                    if due is None:
                        due = insp + dt.timedelta(days=types[tcode]["days"])
                    hazards.append({
                        "id": hid, "month": m, "ent": ent, "town": town, "type": tcode,
                        "severity": sev, "onsite": field(r, "现场处置", ENGLISH_HAZ),
                        "insp": insp, "due": due, "received": receipts.get(hpath),
                    })

    rect = {}  # (month, hazard_id) -> (status, joint, rectified_date or None)
    rect_files = set()  # (month, town): present in the tree
    rdir = os.path.join(data, "rectifications")
    if os.path.isdir(rdir):
        for m in sorted(os.listdir(rdir)):
            md = os.path.join(rdir, m)
            if not (MONTH_RE.match(m) and os.path.isdir(md)):
                continue
            for fn in sorted(os.listdir(md)):
                if not fn.lower().endswith(".csv"):
                    continue
                rows = read_csv(os.path.join(md, fn))
                if rows:  # a header-only 汇总表 is no submission (19)
                    rect_files.add((m, fn[:-4]))
                if not counted("data/rectifications/%s/%s" % (m, fn)):
                    continue
                for r in rows:
                    hid = field(r, "隐患编号", ENGLISH_RECT)
                    if not hid:
                        continue
                    st = field(r, "整改状态", ENGLISH_RECT)
                    joint = field(r, "移交联合整治", ENGLISH_RECT) == "是"
                    rd = parse_date(field(r, "整改完成日期", ENGLISH_RECT))
                    rect[(m, hid)] = (st, joint, rd)
    return ents, hazards, rect, hazard_files, rect_files, receipts


def status_of(h, rect, t):
    """Status of hazard h at time t: returns (key, joint) where key in rectified/
    eliminated/void/in_progress/not_rectified/refused/none (none = no town row and
    no 当场整改 default; the caller decides pending vs unreported)."""
    day = t.astimezone(TZ).date()
    row = rect.get((h["month"], h["id"]))
    if row is None:
        if h["onsite"] == "当场整改":
            return ("rectified" if h["insp"] <= day else "in_progress"), False
        return "none", False
    st, joint, rd = row
    if st in VOID:
        return "void", joint
    if st in RECTIFIED or st in ELIMINATED:
        if rd is not None and rd > day:
            return "in_progress", joint
        return ("rectified" if st in RECTIFIED else "eliminated"), joint
    if st in OPEN_MAP:
        return OPEN_MAP[st], joint
    raise SystemExit("unknown status %r for %s" % (st, h["id"]))


CLOSED_KEYS = {"rectified", "eliminated", "void"}
COUNT_KEYS = ["rectified", "eliminated", "void", "in_progress", "not_rectified", "refused",
              "pending", "unreported"]


def rate(closed, total):
    """closed/total rounded half away from zero to 4 places (values are >= 0)."""
    if total == 0:
        return 0.0
    x = Fraction(closed, total) * 10000
    n = int(x + Fraction(1, 2))
    return n / 10000


def rect_block(hs, rect, t):
    d = {"total": len(hs)}
    for k in COUNT_KEYS:
        d[k] = 0
    for h in hs:
        k = status_of(h, rect, t)[0]
        if k == "none":
            k = "pending" if t < town_due(h) else "unreported"
        d[k] += 1
    d["closure_rate"] = rate(d["rectified"] + d["eliminated"] + d["void"], d["total"])
    return d


def inc(d, k):
    d[k] = d.get(k, 0) + 1


def report(R, as_of, ents, hazards, rect, hazard_files, rect_files, receipts):
    as_of_R = min(as_of, end_of_month(R))
    prev, prev2 = month_add(R, -1), month_add(R, -2)

    new = [h for h in hazards if h["month"] == prev]
    nh = {"month": prev, "total": len(new), "by_severity": {},
          "by_town": {}, "by_enterprise": {}, "by_type": {}}
    for h in new:
        inc(nh["by_severity"], h["severity"])
        inc(nh["by_town"], h["town"])
        inc(nh["by_enterprise"], h["ent"])
        inc(nh["by_type"], h["type"])

    cohort = [h for h in hazards if h["month"] == prev2]
    rc = {"month": prev2}
    rc.update(rect_block(cohort, rect, as_of_R))
    towns = sorted({h["town"] for h in cohort})
    rc["by_town"] = {t: rect_block([h for h in cohort if h["town"] == t], rect, as_of_R)
                     for t in towns}

    op = {"total": 0, "overdue": 0, "town_overdue": 0, "escalated": 0, "by_severity": {},
          "by_town": {}, "overdue_ids": [], "major_ids": []}
    for h in hazards:
        if h["month"] > prev:
            continue
        st, joint = status_of(h, rect, as_of_R)
        if st in CLOSED_KEYS:
            continue
        bt = op["by_town"].setdefault(h["town"], {"open": 0, "overdue": 0, "town_overdue": 0,
                                                  "escalated": 0})
        op["total"] += 1
        bt["open"] += 1
        inc(op["by_severity"], h["severity"])
        if h["severity"] == "重大":
            op["major_ids"].append(h["id"])
        past_due = end_of_day(h["due"]) < as_of_R
        if past_due:
            op["overdue"] += 1
            bt["overdue"] += 1
            op["overdue_ids"].append(h["id"])
        if past_due and as_of_R > town_due(h):
            op["town_overdue"] += 1
            bt["town_overdue"] += 1
        if joint:
            op["escalated"] += 1
            bt["escalated"] += 1
    op["overdue_ids"].sort()
    op["major_ids"].sort()

    subs = []

    def sub(form, m, who, path, exists, due):
        e = {"form": form, "month": m, "submitter": who, "due": fmt_time(due),
             "received_at": None}
        rt = receipts.get(path) if exists else None
        if exists and rt is None:
            e["status"] = "unknown"
        elif rt is not None and rt <= as_of:  # received: by the build's as_of
            e["received_at"] = fmt_time(rt)
            e["status"] = "on_time" if rt <= due else "late"
        else:
            e["status"] = "pending" if as_of_R < due else "missing"
        subs.append(e)

    for eid, af, at in ents:
        if (not af or af <= prev) and (not at or prev <= at):
            sub("hazards", prev, eid, "data/hazards/%s/%s.csv" % (prev, eid),
                (prev, eid) in hazard_files, hazard_due(prev))
    for t in towns:
        sub("rectifications", prev2, t, "data/rectifications/%s/%s.csv" % (prev2, t),
            (prev2, t) in rect_files, rect_due(prev2))
    subs.sort(key=lambda e: (e["form"], e["month"], e["submitter"]))
    inc_ = {"hazards": sorted(e["submitter"] for e in subs
                              if e["form"] == "hazards" and e["status"] in ("pending", "missing")),
            "rectifications": sorted(e["submitter"] for e in subs
                                     if e["form"] == "rectifications" and e["status"] in ("pending", "missing"))}

    return {"format": "lpg-report/2", "period": R, "as_of": fmt_time(as_of_R),
            "edition": None, "commit": None, "new_hazards": nh, "rectification": rc,
            "open": op, "incomplete": inc_, "submissions": subs}


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__.split("\n\n")[0] + "\n")
        return 2
    data, as_of_s, out = argv[1:]
    as_of = parse_time(as_of_s)
    ents, hazards, rect, hf, rf, receipts = load(data, as_of)
    months = sorted({h["month"] for h in hazards})
    if not months:
        return 0
    os.makedirs(out, exist_ok=True)
    for fn in os.listdir(out):  # stale outputs from an earlier run
        if fn.endswith(".json"):
            os.remove(os.path.join(out, fn))
    last = as_of.astimezone(TZ).strftime("%Y-%m")
    R = month_add(months[0], 1)
    while R <= last:
        rep = report(R, as_of, ents, hazards, rect, hf, rf, receipts)
        with open(os.path.join(out, R + ".json"), "w", encoding="utf-8") as f:
            json.dump(rep, f, sort_keys=True, indent=2, ensure_ascii=False)
            f.write("\n")
        R = month_add(R, 1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
