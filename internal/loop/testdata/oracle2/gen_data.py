#!/usr/bin/env python3
"""Deterministic generator of a small, valid lpg data directory that the Go code has
never seen (months 2025-11 .. 2026-02, across a year change), used with
report_oracle.py to catch overfitting to the shipped sample.

Usage: python3 gen_data.py [SAMPLE_DATA_DIR] [OUT_DIR]
  defaults: /work/shared/samples/data  and  <this dir>/gen/data
Then:   python3 report_oracle.py gen/data 2026-03-10T00:00:00+08:00 gen/want
(the build's as_of is midnight on purpose: a due date of 2026-03-09 is then overdue by
exactly one second).

What it covers: 3 enterprises (E01 open-ended, E02 ending 2026-01, E03 starting
2025-12), 5 towns, towns and villages written as names or codes, hazard types as
codes or Chinese names, severity empty/default/overridden, due dates given or
defaulted, 当场整改 without town rows (and with rows that override it),
every rectification status, escalations (是 / 否 / empty), unreported hazards,
receipts on time / late / exactly at the deadline / after as_of / in UTC ("Z"),
files not listed in receipts.csv (unknown), expected files absent (pending /
missing), and overdue edge cases (due on the last day of a report month, due the
day before / on the day of as_of).

report/2 rules (see README.md for counts):
- status at t: closed rows dated after a report's as_of_R (rectifications/2025-12/
  310118102.csv, received 2026-03-05, has rows dated 2026-03-01..05 and one 已整改
  dated 2026-03-03 with 移交联合整治 = 是: escalated in report 2026-02 only), a void row
  without date;
- pending (report 2026-03, cohort 2026-01) vs unreported (reports 2026-01, 2026-02);
- overdue / town_overdue boundaries: due 2026-02-27 / 2026-02-28 (report 2026-02,
  as_of_R 2026-02-28T23:59:59, hazards of 2025-11 = R-3), due 2026-03-09 / 2026-03-10
  (report 2026-03 at as_of 2026-03-10T00:00:00, hazards of 2025-12 = R-3);
- files received after as_of_R but by the build's as_of (hazards/2025-11/E02.csv on
  2026-01-03; rectifications/2025-11/310118102.csv on 2026-02-05;
  rectifications/2025-12/310118102.csv on 2026-03-05): counted, late with real time;
- files received after the build's as_of (hazards/2026-02/E03.csv on 2026-03-11,
  rectifications/2026-01/310118102.csv on 2026-03-12): rows left out (a 当场整改
  hazard whose only town row is in the latter falls back to the default);
- incomplete: E03 has no 2025-12 file (missing) and its 2026-02 file is not yet
  received (pending); absent town files;
- 重大 open hazards (major_ids), a year change (2025-12 -> 2026-01).
- every 整改完成日期 is <= the receipt date of its file (or 2026-03-09 when unlisted).
"""

import csv
import datetime as dt
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/samples/data"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "gen", "data")

rng = random.Random(20260310)

MONTHS = ["2025-11", "2025-12", "2026-01", "2026-02"]
TOWNS = ["310118001", "310118102", "310118106", "310118110", "310118003"]
TOWN_W = [5, 5, 4, 4, 1]
ENT_MONTHS = {"E01": MONTHS, "E02": ["2025-11", "2025-12", "2026-01"], "E03": ["2026-01", "2026-02"]}
# E03 is active from 2025-12 but its 2025-12 file is absent on purpose, and its 2026-02
# file is received after the build's as_of (rows left out, submission pending).
ASOF_DATE = dt.date(2026, 3, 9)  # latest date any rectification happens

HAZ_HEADER = ["隐患编号", "街镇", "村居", "用户类型", "用户名称", "联系电话", "用气地址", "安检日期",
              "安检人员", "隐患类别", "隐患描述", "隐患等级", "现场处置", "告知单编号", "整改期限", "备注"]
RECT_HEADER = ["隐患编号", "村居", "整改状态", "整改方式", "整改完成日期", "核查人", "未整改原因",
               "移交联合整治", "备注"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "桂兰", "建国", "海根"]
ROADS = ["公园路", "城中北路", "盈港东路", "漕盈路", "胜利路", "华青路", "外青松公路", "沪青平公路"]
SHOPS = ["记面馆", "家小厨", "记农家乐", "氏快餐", "记饭店"]
INSPECTORS = ["钱卫东", "沈国强", "王海根", "徐建中", "陆志明", "顾小平"]
VERIFIERS = ["村委会 周敏", "镇安办 李强", "居委会 吴芳", "街道安办 陈刚"]
REASONS = ["用户外出", "用户拒绝", "资金未到位", "等待燃气管道接入", "房东未同意"]
METHODS = ["更换", "修复", "拆除", "停用", "其他"]
NONRES = ["餐饮", "单位食堂", "其他非居民"]


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])


def month_days(m):
    y, mo = int(m[:4]), int(m[5:7])
    nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
    return dt.date(y, mo, 1), (nxt - dt.timedelta(days=1)).day


def d2s(d):
    return d.isoformat()


def main():
    if os.path.exists(OUT):
        shutil.rmtree(OUT)
    ref_out = os.path.join(OUT, "reference")
    os.makedirs(ref_out)
    for fn in ["towns.csv", "villages.csv", "hazard_types.csv"]:
        shutil.copy(os.path.join(SAMPLE, "reference", fn), os.path.join(ref_out, fn))
    ents = read(os.path.join(SAMPLE, "reference", "enterprises.csv"))
    span = {"E01": ("2025-01", ""), "E02": ("2025-06", "2026-01"), "E03": ("2025-12", "")}
    erows = []
    for e in ents:
        if e["id"] in span:
            e["active_from"], e["active_to"] = span[e["id"]]
            erows.append(e)
    write(os.path.join(ref_out, "enterprises.csv"), ["id", "name", "credit_code", "active_from", "active_to"], erows)
    ent_names = {e["id"]: e["name"] for e in erows}
    acc = [a for a in read(os.path.join(SAMPLE, "reference", "accounts.csv"))
           if a["role"] != "enterprise" or a["submitter"] in span]
    write(os.path.join(ref_out, "accounts.csv"), ["account", "role", "submitter"], acc)
    lia_header = ["层级", "单位", "街镇", "村居", "姓名", "职务", "办公电话", "手机", "邮箱", "更新日期"]
    lia = [r for r in read(os.path.join(SAMPLE, "liaisons.csv"))
           if r["层级"] != "企业" or r["单位"] in ent_names.values()]
    write(os.path.join(OUT, "liaisons.csv"), lia_header, lia)

    towns = {r["code"]: r["name"] for r in read(os.path.join(ref_out, "towns.csv"))}
    villages = {}
    for r in read(os.path.join(ref_out, "villages.csv")):
        villages.setdefault(r["town_code"], []).append((r["code"], r["name"]))
    types = [t for t in read(os.path.join(ref_out, "hazard_types.csv"))
             if t["applies_to"] in ("全部", "居民", "非居民", "餐饮")]

    hazards = {}  # month -> list of dict (with private keys _town, _insp, _vname)

    def make_hazard(ent, m, seq, town=None, tcode=None, onsite=None, due=None, day=None, sev=None, force=None):
        first, ndays = month_days(m)
        town = town or rng.choices(TOWNS, TOWN_W)[0]
        vcode, vname = rng.choice(villages[town])
        t = next(x for x in types if x["code"] == tcode) if tcode else rng.choice(types)
        ap = t["applies_to"]
        if ap == "居民":
            ut = "居民"
        elif ap == "非居民":
            ut = rng.choice(NONRES)
        elif ap == "餐饮":
            ut = "餐饮"
        else:
            ut = rng.choice(["居民", "居民", "居民"] + NONRES)
        insp = first + dt.timedelta(days=(day - 1) if day else rng.randrange(ndays))
        if onsite is None:
            onsite = rng.choices(["当场整改", "书面告知限期整改", "停止供气", "报告街镇"], [4, 6, 1, 1])[0]
        hid = "%s-%s-%04d" % (ent, m.replace("-", ""), seq)
        sev_r = rng.random()
        if sev is not None:
            pass
        elif sev_r < 0.4:
            sev = ""
        elif sev_r < 0.9:
            sev = t["severity"]
        else:
            sev = rng.choice([s for s in ("重大", "严重", "一般") if s != t["severity"]])
        if due is None and rng.random() < 0.5:
            due = insp + dt.timedelta(days=rng.randrange(0, 46))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) if ut == "居民" else rng.choice(SURNAMES) + rng.choice(SHOPS)
        tname = towns[town]
        row = {
            "隐患编号": hid,
            "街镇": town if rng.random() < 0.3 else tname,
            "村居": vcode if rng.random() < 0.3 else vname,
            "用户类型": ut,
            "用户名称": name,
            "联系电话": "1%d%09d" % (rng.choice([3, 5, 7, 8, 9]), rng.randrange(10 ** 9)) if rng.random() < 0.6 else "",
            "用气地址": "%s%s%d弄%d号%d室" % (tname, rng.choice(ROADS), rng.randrange(1, 900), rng.randrange(1, 60), rng.choice([101, 201, 302, 503])),
            "安检日期": d2s(insp),
            "安检人员": rng.choice(INSPECTORS),
            "隐患类别": t["code"] if rng.random() < 0.5 else t["name"],
            "隐患描述": ("现场发现：" + t["name"][:12]) if t["code"].startswith("OTHER_") or rng.random() < 0.2 else "",
            "隐患等级": sev,
            "现场处置": onsite,
            "告知单编号": "%sGZ%s%04d" % (ent, m.replace("-", ""), seq) if onsite == "书面告知限期整改" else "",
            "整改期限": d2s(due) if due else "",
            "备注": "",
            "_town": town, "_insp": insp, "_vname": "", "_force": force,
        }
        row["_vname"] = row["村居"] if row["村居"] == vname else ""
        return row

    for m in MONTHS:
        hazards[m] = []
        for ent, ms in sorted(ENT_MONTHS.items()):
            if m not in ms:
                continue
            n = rng.randrange(10, 17)
            rows = [make_hazard(ent, m, i + 1) for i in range(n)]
            seq = n
            if m == "2025-11" and ent == "E01":
                # one OTHER_ hazard by name, one by code
                for tc in ("OTHER_SERIOUS", "OTHER_GENERAL"):
                    seq += 1
                    rows.append(make_hazard(ent, m, seq, tcode=tc, onsite="书面告知限期整改"))
            if m == "2026-01" and ent == "E01":
                # overdue edge cases in a town whose 2026-01 file is absent (unreported => open)
                for due in (dt.date(2026, 2, 28), dt.date(2026, 3, 9), dt.date(2026, 3, 10), dt.date(2026, 1, 31)):
                    seq += 1
                    rows.append(make_hazard(ent, m, seq, town="310118110", onsite="书面告知限期整改", due=due, day=20))
                seq += 1  # default due: LOC_BASEMENT (3 days) on 2026-01-29 => 2026-02-01
                rows.append(make_hazard(ent, m, seq, town="310118110", tcode="LOC_BASEMENT", onsite="报告街镇", day=29))
                rows[-1]["整改期限"] = ""
            if m == "2026-02" and ent == "E01":
                seq += 1
                rows.append(make_hazard(ent, m, seq, town="310118110", onsite="停止供气", due=dt.date(2026, 3, 9), day=27))
            if m == "2026-02" and ent == "E03":
                # file received after the build's as_of: none of these may show anywhere
                for r in rows:
                    r["_force"] = "skip"
                for k in range(2):
                    seq += 1
                    rows.append(make_hazard(ent, m, seq, town="310118003", onsite="报告街镇", sev="重大", force="skip"))
            if m == "2025-11" and ent == "E01":
                # report 2026-02 (R-3 = 2025-11, town deadline 2026-01-31 passed): due 02-27 is
                # overdue and town_overdue, due 02-28 is exactly at as_of_R (neither)
                for due, force in ((dt.date(2026, 2, 27), ("整改中", None, "否")),
                                   (dt.date(2026, 2, 28), ("未整改", None, "")),
                                   (dt.date(2026, 2, 27), "skip"),
                                   (dt.date(2026, 2, 28), ("已整改", dt.date(2026, 3, 2), "否"))):
                    seq += 1
                    rows.append(make_hazard(ent, m, seq, town="310118110", onsite="书面告知限期整改",
                                            due=due, day=24, force=force))
            if m == "2025-12" and ent == "E01":
                # report 2026-03 at 2026-03-10T00:00:00 (R-3 = 2025-12): due 03-09 is overdue by one
                # second and town_overdue; due 03-10 is neither; 重大 among them
                for due, sev, town in ((dt.date(2026, 3, 9), "重大", "310118110"),
                                       (dt.date(2026, 3, 10), "重大", "310118110"),
                                       (dt.date(2026, 3, 9), "一般", "310118001"),
                                       (dt.date(2026, 3, 10), "严重", "310118001")):
                    seq += 1
                    rows.append(make_hazard(ent, m, seq, town=town, onsite="书面告知限期整改", due=due, day=15,
                                            sev=sev, force=("拒不整改", None, "是") if town == "310118001" else None))
                # in the file received 2026-03-05 (after as_of_R of report 2026-02): closed
                # rows dated after 2026-02-28 count as in_progress in report 2026-02
                for rd, st, joint in ((dt.date(2026, 3, 1), "已整改", "否"), (dt.date(2026, 3, 5), "用户已搬离", ""),
                                      (dt.date(2026, 3, 3), "已整改", "是"), (None, "核实无此隐患", "否"),
                                      (dt.date(2026, 2, 28), "已改用管道燃气或电", "否")):
                    seq += 1
                    rows.append(make_hazard(ent, m, seq, town="310118102", onsite="书面告知限期整改",
                                            due=dt.date(2026, 1, 10), day=5, sev="重大", force=(st, rd, joint)))
            if m == "2026-01" and ent == "E01":
                # 重大 open (file of 310118110 absent), and a 当场整改 hazard whose only row is in
                # the rectification file received after as_of (=> default: rectified)
                seq += 1
                rows.append(make_hazard(ent, m, seq, town="310118110", onsite="停止供气", sev="重大", day=8))
                seq += 1
                rows.append(make_hazard(ent, m, seq, town="310118102", onsite="当场整改", day=9,
                                        force=("整改中", None, "是")))
            rng.shuffle(rows)  # ids not in file order, like the sample
            write(os.path.join(OUT, "hazards", m, ent + ".csv"), HAZ_HEADER, rows)
            hazards[m].extend(rows)

    receipts = [
        ("hazards/2025-11/E01.csv", "2025-12-20T10:15:00+08:00", "on time"),
        ("hazards/2025-11/E02.csv", "2026-01-03T09:00:00+08:00", "late; after as_of_R of report 2025-12"),
        # hazards/2025-12/E01.csv deliberately not listed -> unknown
        ("hazards/2025-12/E02.csv", "2026-01-25T23:59:59+08:00", "on time, at the deadline"),
        ("hazards/2026-01/E01.csv", "2026-02-26T00:00:01+08:00", "late by 2 s"),
        ("hazards/2026-01/E02.csv", "2026-02-25T23:59:59+08:00", "exactly at due"),
        ("hazards/2026-01/E03.csv", "2026-02-10T14:00:00+08:00", "on time"),
        ("hazards/2026-02/E01.csv", "2026-03-04T16:30:00Z", "on time, UTC"),
        ("hazards/2026-02/E03.csv", "2026-03-11T10:00:00+08:00", "after the build's as_of: rows left out"),
        ("rectifications/2025-11/310118001.csv", "2026-01-20T17:00:00+08:00", "on time"),
        ("rectifications/2025-11/310118102.csv", "2026-02-05T11:00:00+08:00", "late; after as_of_R of report 2026-01"),
        ("rectifications/2025-11/310118106.csv", "2026-01-31T23:59:59+08:00", "at due"),
        # rectifications/2025-11/310118110.csv not listed -> unknown
        ("rectifications/2025-11/310118003.csv", "2026-01-10T09:00:00+08:00", "on time"),
        ("rectifications/2025-12/310118001.csv", "2026-02-27T16:00:00+08:00", "on time"),
        ("rectifications/2025-12/310118102.csv", "2026-03-05T10:00:00+08:00", "late; after as_of_R of report 2026-02"),
        # rectifications/2025-12/310118106.csv not listed -> unknown
        ("rectifications/2026-01/310118001.csv", "2026-03-02T15:00:00+08:00", "early"),
        ("rectifications/2026-01/310118102.csv", "2026-03-12T10:00:00+08:00", "after the build's as_of: rows left out"),
        # rectifications/2026-01/310118106.csv not listed -> unknown
        ("rectifications/2026-02/310118102.csv", "2026-03-08T10:00:00+08:00", "early"),
    ]
    rcap = {}
    for p, t, _ in receipts:
        if p.startswith("rectifications/"):
            day = dt.datetime.fromisoformat(t.replace("Z", "+00:00")).astimezone(
                dt.timezone(dt.timedelta(hours=8))).date()
            rcap[(p.split("/")[1], p.split("/")[2][:-4])] = day

    # rectification files: plan[(month, town)] = present?
    absent = {("2025-12", "310118110"), ("2026-01", "310118110"), ("2026-01", "310118003"),
              ("2026-02", "310118001"), ("2026-02", "310118106"), ("2026-02", "310118110"),
              ("2026-02", "310118003")}
    statuses = ["已整改", "整改中", "未整改", "拒不整改", "已停止使用液化气", "已改用管道燃气或电", "用户已搬离", "核实无此隐患"]
    weights = [10, 3, 2, 1, 1, 1, 1, 1]
    rect_written = []
    for m in MONTHS:
        by_town = {}
        for h in hazards[m]:
            by_town.setdefault(h["_town"], []).append(h)
        for town, hs in sorted(by_town.items()):
            if (m, town) in absent:
                continue
            rows = []
            cap = rcap.get((m, town), ASOF_DATE)
            for h in sorted(hs, key=lambda x: x["隐患编号"]):
                f = h["_force"]
                if f == "skip":
                    continue
                if f is not None:
                    st, rd, joint = f
                    row = {"隐患编号": h["隐患编号"], "村居": h["_vname"], "整改状态": st,
                           "核查人": rng.choice(VERIFIERS), "移交联合整治": joint}
                    if st in ("整改中", "未整改", "拒不整改"):
                        row["未整改原因"] = rng.choice(REASONS)
                    if rd is not None:
                        assert h["_insp"] <= rd <= cap, (h["隐患编号"], rd, cap)
                        row["整改完成日期"] = d2s(rd)
                    if st == "已整改":
                        row["整改方式"] = rng.choice(METHODS)
                    rows.append(row)
                    continue
                if h["现场处置"] == "当场整改":
                    r = rng.random()
                    if r < 0.7:
                        continue  # no row: counts as rectified
                    st = "已整改" if r < 0.9 else "整改中"  # town row wins
                else:
                    if rng.random() < 0.12:
                        continue  # unreported
                    st = rng.choices(statuses, weights)[0]
                insp = h["_insp"]
                row = {"隐患编号": h["隐患编号"], "村居": h["_vname"] if rng.random() < 0.7 else "",
                       "整改状态": st, "核查人": rng.choice(VERIFIERS)}
                if st in ("整改中", "未整改", "拒不整改"):
                    row["未整改原因"] = rng.choice(REASONS)
                    row["移交联合整治"] = "是" if (st == "拒不整改" or rng.random() < 0.25) else rng.choice(["否", ""])
                else:
                    if st != "核实无此隐患":
                        latest = min(insp + dt.timedelta(days=40), cap)
                        row["整改完成日期"] = d2s(insp + dt.timedelta(days=rng.randrange((latest - insp).days + 1)))
                    if st == "已整改":
                        row["整改方式"] = rng.choice(METHODS)
                    # closed after escalation: 是 must not count as escalated
                    row["移交联合整治"] = "是" if rng.random() < 0.08 else rng.choice(["否", "否", ""])
                rows.append(row)
            write(os.path.join(OUT, "rectifications", m, town + ".csv"), RECT_HEADER, rows)
            rect_written.append((m, town))

    with open(os.path.join(OUT, "receipts.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["path", "received_at", "channel", "note"])
        for p, t, note in receipts:
            full = os.path.join(OUT, p)
            if not os.path.exists(full):
                continue  # only list files that exist
            w.writerow(["data/" + p, t, "email", "代报; " + note])


if __name__ == "__main__":
    main()
