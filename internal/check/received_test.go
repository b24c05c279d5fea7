package check

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/testrepo"
)

// checkAt runs the check with the check's own time now and the pull
// request's creation time opened (zero: not given).
func (f *fixture) checkAt(actor string, now, opened time.Time) *Report {
	f.t.Helper()
	rep, err := Run(context.Background(), Options{Dir: f.g.Dir, Base: "origin/main", Actor: actor, Now: now, OpenedAt: opened})
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 10, 0, 0, 0, calendar.Shanghai)
}

// warningCodes lists the warnings' codes, leaving out commit.* (the
// fixture's commits are dated long before the check's time).
func warningCodes(r *Report) string {
	var s []string
	for _, d := range r.Warnings {
		if strings.HasPrefix(d.Code, "commit.") {
			continue
		}
		s = append(s, d.Code)
	}
	return strings.Join(s, " ")
}

func warning(r *Report, code string) string {
	for _, d := range r.Warnings {
		if d.Code == code {
			return d.Message
		}
	}
	return ""
}

func textOf(t *testing.T, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteText(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMonthNotEnded (review finding 1): a header-only 排查表 for a month
// that has not ended is refused, so nobody can hold an on-time receipt for
// rows filled in after the deadline. The month after the current one is a
// valid folder (layout), but not yet reportable.
func TestMonthNotEnded(t *testing.T) {
	now := day(2026, 12, 2)
	for _, tc := range []struct {
		path, body, month string
	}{
		{"data/hazards/2027-01/E01.csv", hazardHeader, "2027-01"},
		{"data/hazards/2026-12/E01.csv", hazardHeader, "2026-12"},
		{"data/inspections/2027-01/E01.csv", "街镇,用户类型,安检户数\n", "2027-01"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			f := newFixture(t)
			f.pr("ent-e01", f.base.With(testrepo.Files{tc.path: tc.body}), f.main)
			r := f.checkAt("ent-e01", now, time.Time{})
			if r.Passed || codes(r) != "month.not_ended" {
				t.Fatalf("passed=%v errors=%q", r.Passed, codes(r))
			}
			d := r.Errors[0]
			if d.File != tc.path || !strings.Contains(d.Message, tc.path+" 是 "+tc.month+" 的") ||
				!strings.Contains(d.Message, "一个月的入户安检要到月末之后才能上报，不能提前提交") {
				t.Errorf("error = %+v", d)
			}
		})
	}
	t.Run("an ended month passes", func(t *testing.T) {
		f := newFixture(t)
		f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), f.main)
		if r := f.checkAt("ent-e01", day(2026, 9, 1), time.Time{}); !r.Passed {
			t.Errorf("errors = %+v", r.Errors)
		}
		// On the last day of the month it is still too early.
		if r := f.checkAt("ent-e01", day(2026, 8, 31), time.Time{}); codes(r) != "month.not_ended" {
			t.Errorf("on 08-31: errors = %q", codes(r))
		}
	})
	// Review round 3, G24: a pull request opened before the month ended,
	// re-checked after it, is refused: the merge would register its
	// creation time as the receipt, which validate refuses
	// (received_at.early), and no build would run after the merge.
	t.Run("opened before the month ended", func(t *testing.T) {
		f := newFixture(t)
		f.pr("ent-e01", f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august}), f.main)
		r := f.checkAt("ent-e01", day(2026, 9, 2), day(2026, 8, 31))
		if r.Passed || codes(r) != "month.not_ended" {
			t.Fatalf("passed=%v errors=%q", r.Passed, codes(r))
		}
		if msg := r.Errors[0].Message; !strings.Contains(msg, "才结束（本 pull request 的创建时间，合并后登记为收件时间 2026-08-31T10:00:00+08:00）") {
			t.Errorf("message %s", msg)
		}
		if r := f.checkAt("ent-e01", day(2026, 9, 2), day(2026, 9, 1)); !r.Passed {
			t.Errorf("opened on 09-01: errors = %+v", r.Errors)
		}
	})
}

// TestLateRows (review finding 1): rows added to a received 排查表 after its
// deadline are 逾期补报, warned about with their ids, in text and markdown.
func TestLateRows(t *testing.T) {
	f := newFixture(t)
	p := "data/hazards/2026-08/E01.csv"
	placeholder := f.base.With(testrepo.Files{p: hazardHeader})
	main := f.g.Commit("qp-gas-centre", at(24*32), "E01 2026-08 placeholder", placeholder, f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	f.pr("ent-e01", placeholder.With(testrepo.Files{p: august}), main)

	if r := f.checkAt("ent-e01", day(2026, 9, 20), time.Time{}); warningCodes(r) != "" || len(r.Alterations) != 0 {
		t.Errorf("before the deadline: warnings %q alterations %+v", warningCodes(r), r.Alterations)
	}
	// Opened before the deadline, checked after: the forge's receipt counts.
	if r := f.checkAt("ent-e01", day(2026, 10, 2), day(2026, 9, 24)); len(r.Alterations) != 0 {
		t.Errorf("opened on time: %+v", r.Alterations)
	}
	r := f.checkAt("ent-e01", day(2026, 10, 2), time.Time{})
	if !r.Passed || warningCodes(r) != "rows.late" {
		t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
	}
	want := "逾期补报：截止时间 2026-09-25T23:59:59+08:00 之后向已收到的排查表新增 3 行（2026-10-02T10:00:00+08:00 时）；这些行没有自己的收件时间，文件的收件时间仍是第一次收到的时间，月报会按“按时”计入它们：E01-202608-0001、E01-202608-0002、E01-202608-0003"
	if got := warning(r, "rows.late"); got != want {
		t.Errorf("message\n got %s\nwant %s", got, want)
	}
	md := string(markdown(t, r))
	if !strings.Contains(md, "> [!CAUTION]") || !strings.Contains(md, "逾期补报") || !strings.Contains(md, "> - `E01-202608-0003`：新增") {
		t.Errorf("markdown:\n%s", md)
	}
	if txt := textOf(t, r); !strings.Contains(txt, "【请审核人逐条核对】") || !strings.Contains(txt, "    E01-202608-0001：新增\n") {
		t.Errorf("text:\n%s", txt)
	}
}

// TestRectificationPlaceholder (adversarial review F15): a 汇总表 cannot be
// sent before its month has ended, and rows added to a header-only 汇总表
// after the town's deadline are 逾期补报; the summary registers its receipt
// with the push that brings its first row, not with the placeholder.
func TestRectificationPlaceholder(t *testing.T) {
	p := "data/rectifications/2026-08/310118102.csv"
	t.Run("month not ended", func(t *testing.T) {
		f := newFixture(t)
		f.pr("town-310118102", f.base.With(testrepo.Files{p: rectHeader}), f.main)
		r := f.checkAt("town-310118102", day(2026, 8, 20), time.Time{})
		if r.Passed || codes(r) != "month.not_ended" {
			t.Fatalf("passed=%v errors=%q", r.Passed, codes(r))
		}
		want := "data/rectifications/2026-08/310118102.csv 是 2026-08 隐患的汇总表，但 2026-08 要到 2026-08-31T23:59:59+08:00 才结束（检查时间 2026-08-20T10:00:00+08:00）：该月的隐患要在月末之后由企业上报、区燃气中心派发，汇总表不能提前提交"
		if d := r.Errors[0]; d.Message != want || d.Hint != "请在收到派发的隐患后填写并提交（截止时间 2026-10-31T23:59:59+08:00）；只有表头的汇总表不算报送" {
			t.Errorf("error\n got %s (%s)\nwant %s", d.Message, d.Hint, want)
		}
		if len(r.Receipts) != 0 {
			t.Errorf("a header-only 汇总表 is registered as received: %+v", r.Receipts)
		}
	})
	f := newFixture(t)
	placeholder := f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august, p: rectHeader})
	main := f.g.Commit("qp-gas-centre", at(24*40), "2026-08 排查表, 朱家角镇 placeholder", placeholder, f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	f.pr("town-310118102", placeholder.With(testrepo.Files{p: rectHeader +
		"E01-202608-0001,,已整改,修复,2026-10-20,居委会 陈丽,,否,\n" +
		"E01-202608-0002,,整改中,,,居委会 陈丽,用户外出,否,\n"}), main)
	if r := f.checkAt("town-310118102", day(2026, 10, 30), time.Time{}); warningCodes(r) != "" || len(r.Alterations) != 0 {
		t.Errorf("before the deadline: warnings %q alterations %+v", warningCodes(r), r.Alterations)
	}
	r := f.checkAt("town-310118102", day(2026, 11, 2), day(2026, 11, 1))
	if !r.Passed || warningCodes(r) != "rows.late" {
		t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
	}
	want := "逾期补报：街镇的截止时间 2026-10-31T23:59:59+08:00 之后向汇总表新增 2 行（2026-11-01T10:00:00+08:00 时）：这些隐患的整改情况在街镇的截止时间之后才报：E01-202608-0001（新增：已整改）、E01-202608-0002（新增：整改中）"
	if got := warning(r, "rows.late"); got != want {
		t.Errorf("message\n got %s\nwant %s", got, want)
	}
	if txt := textOf(t, r); !strings.Contains(txt, "    E01-202608-0001：新增：已整改\n") {
		t.Errorf("text:\n%s", txt)
	}
	if len(r.Receipts) != 1 || r.Receipts[0].Path != p || r.Receipts[0].At != "2026-11-01T10:00:00+08:00" || r.Receipts[0].Status != "late" {
		t.Errorf("receipts = %+v", r.Receipts)
	}
}

// TestPrefilledRectifications (adversarial review G3): the site's
// 预填汇总表 uploaded untouched (a row per hazard, 整改状态 empty) is no
// submission, so filling its statuses after the town's deadline is
// 逾期补报 like adding rows, and the push that fills the first status is
// the file's receipt. A row added with 整改状态 empty reports nothing.
func TestPrefilledRectifications(t *testing.T) {
	p := "data/rectifications/2026-08/310118102.csv"
	f := newFixture(t)
	prefill := f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": august, p: rectHeader + "E01-202608-0001,,,,,,,,\n"})
	main := f.g.Commit("qp-gas-centre", at(24*40), "2026-08 排查表, 朱家角镇 预填汇总表", prefill, f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	f.pr("town-310118102", prefill.With(testrepo.Files{p: rectHeader +
		"E01-202608-0001,,已整改,修复,2026-10-20,居委会 陈丽,,否,\n" +
		"E01-202608-0002,,,,,,,,\n"}), main)
	if r := f.checkAt("town-310118102", day(2026, 10, 30), time.Time{}); warning(r, "rows.late") != "" || len(r.Alterations) != 0 {
		t.Errorf("before the deadline: warnings %q alterations %+v", warningCodes(r), r.Alterations)
	}
	r := f.checkAt("town-310118102", day(2026, 11, 2), day(2026, 11, 1))
	if !r.Passed || warningCodes(r) != "rows.late status.not_yet" {
		t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
	}
	want := "逾期补报：街镇的截止时间 2026-10-31T23:59:59+08:00 之后在汇总表中补填 1 行的整改状态（2026-11-01T10:00:00+08:00 时）：这些隐患的整改情况在街镇的截止时间之后才报：E01-202608-0001（补填：已整改）"
	if got := warning(r, "rows.late"); got != want {
		t.Errorf("message\n got %s\nwant %s", got, want)
	}
	if txt := textOf(t, r); !strings.Contains(txt, "    E01-202608-0001：补填：已整改\n") {
		t.Errorf("text:\n%s", txt)
	}
	if len(r.Receipts) != 1 || r.Receipts[0].Path != p || r.Receipts[0].At != "2026-11-01T10:00:00+08:00" || r.Receipts[0].Status != "late" {
		t.Errorf("receipts = %+v", r.Receipts)
	}
	// a filled row added and a prefilled one filled: both counted
	f.pr("town-310118102", prefill.With(testrepo.Files{p: rectHeader +
		"E01-202608-0001,,已整改,修复,2026-10-20,居委会 陈丽,,否,\n" +
		"E01-202608-0002,,整改中,,,居委会 陈丽,用户外出,否,\n"}), main)
	r = f.checkAt("town-310118102", day(2026, 11, 2), day(2026, 11, 1))
	want = "逾期补报：街镇的截止时间 2026-10-31T23:59:59+08:00 之后向汇总表新增 1 行、补填 1 行的整改状态（2026-11-01T10:00:00+08:00 时）：这些隐患的整改情况在街镇的截止时间之后才报：E01-202608-0001（补填：已整改）、E01-202608-0002（新增：整改中）"
	if got := warning(r, "rows.late"); got != want {
		t.Errorf("message\n got %s\nwant %s", got, want)
	}
}

// TestUnfilledRectifications (review round 4 H9): a 汇总表 without a filled
// 整改状态 is no submission, and the gate says so (file.unfilled) when the
// town has hazards of the month that need a row; a town whose hazards were
// all rectified on the spot (当场整改) has nothing to fill — its
// header-only file is a submission, said in the outcome, no warning.
func TestUnfilledRectifications(t *testing.T) {
	p := "data/rectifications/2026-08/310118102.csv"
	onSite := strings.NewReplacer(",书面告知限期整改,E01GZ2026080001,", ",当场整改,,", ",停止供气,", ",当场整改,").Replace(august)
	for _, tt := range []struct {
		name, hazards, file, warnings, warning, outcome string
	}{
		{"header only", august, rectHeader, "file.unfilled",
			"data/rectifications/2026-08/310118102.csv 没有一行填了整改状态（整改状态一列全空），合并后仍算未报送：该街镇 2026-08 的 2 条隐患中有 2 条不是当场整改，需要报整改情况（E01-202608-0001、E01-202608-0002）；汇总表截止时间 2026-10-31T23:59:59+08:00",
			"汇总表：已填 0 行（该街镇 2026-08 共 2 条隐患，未填的按未报送）；该批次闭环率 0.0% → 0.0%"},
		{"预填汇总表 untouched", august, rectHeader + "E01-202608-0001,,,,,,,,\nE01-202608-0002,,,,,,,,\n", "file.unfilled status.not_yet status.not_yet",
			"data/rectifications/2026-08/310118102.csv 没有一行填了整改状态（整改状态一列全空），合并后仍算未报送：该街镇 2026-08 的 2 条隐患中有 2 条不是当场整改，需要报整改情况（E01-202608-0001、E01-202608-0002）；汇总表截止时间 2026-10-31T23:59:59+08:00",
			"汇总表：已填 0 行（该街镇 2026-08 共 2 条隐患，未填的按未报送）；该批次闭环率 0.0% → 0.0%"},
		{"one row filled", august, rectHeader + "E01-202608-0001,,未整改,,,居委会 陈丽,用户外出,否,\n", "", "",
			"汇总表：已填 1 行（该街镇 2026-08 共 2 条隐患，未填的按未报送）；该批次闭环率 0.0% → 0.0%"},
		{"all on site, header only", onSite, rectHeader, "", "",
			"汇总表：已填 0 行（该街镇 2026-08 共 2 条隐患，均为当场整改，不必填写；只有表头也算报送，收件时间按合并进主线的时间）；该批次闭环率 100.0% → 100.0%"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			base := f.base.With(testrepo.Files{"data/hazards/2026-08/E01.csv": tt.hazards})
			main := f.g.Commit("qp-gas-centre", at(24*40), "2026-08 排查表", base, f.main)
			f.g.Ref("refs/remotes/origin/main", main)
			f.pr("town-310118102", base.With(testrepo.Files{p: tt.file}), main)
			r := f.checkAt("town-310118102", day(2026, 10, 5), time.Time{})
			if !r.Passed || warningCodes(r) != tt.warnings {
				t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
			}
			if got := warning(r, "file.unfilled"); got != tt.warning {
				t.Errorf("file.unfilled\n got %s\nwant %s", got, tt.warning)
			}
			if len(r.Outcomes) != 1 || r.Outcomes[0].Text != tt.outcome {
				t.Errorf("outcomes %+v\nwant %s", r.Outcomes, tt.outcome)
			}
			if len(r.Receipts) != 0 && tt.name != "one row filled" {
				t.Errorf("receipts %+v: the forge registers a 汇总表 from its first filled row", r.Receipts)
			}
		})
	}
}

// TestRewrittenRows (review finding 2): changing 隐患类别 and clearing 隐患等级
// of received rows is warned about, each id with before → after; a change
// of a column nothing counts by (备注, 用户名称) or a re-written date is not.
func TestRewrittenRows(t *testing.T) {
	f := newFixture(t)
	p := "data/hazards/2026-07/E01.csv"
	e01 := f.base[p]
	e01 = strings.Replace(e01, ",钢瓶存放地点通风不良,现场发现：钢瓶存放地点通风不良,一般,", ",LOC_GARAGE,现场发现：钢瓶存放地点通风不良,,", 1)
	e01 = strings.Replace(e01, ",气瓶未直立使用,现场发现：气瓶未直立使用,一般,", ",气瓶未直立使用,现场发现：气瓶未直立使用,,", 1) // default 一般: same
	e01 = strings.Replace(e01, "郭德", "郭德明", 1)
	e01 = strings.Replace(e01, ",2026-07-23,", ",2026/7/23,", 1)
	f.pr("ent-e01", f.base.With(testrepo.Files{p: e01}), f.main)
	r := f.checkAt("ent-e01", day(2026, 12, 2), time.Time{})
	if !r.Passed || warningCodes(r) != "row.rewritten date.normalised" {
		t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
	}
	if len(r.Alterations) != 1 || len(r.Alterations[0].Rows) != 1 {
		t.Fatalf("alterations = %+v", r.Alterations)
	}
	want := AlteredRow{ID: "E01-202607-0028", Change: "隐患类别 钢瓶存放地点通风不良 → LOC_GARAGE；隐患等级 一般 → （空，按类别默认为严重）"}
	if got := r.Alterations[0].Rows[0]; got != want {
		t.Errorf("row\n got %+v\nwant %+v", got, want)
	}
	if m := warning(r, "row.rewritten"); !strings.HasPrefix(m, "改动了已收到的 1 条隐患中计入统计的列") || !strings.HasSuffix(m, "："+want.ID+"（"+want.Change+"）") {
		t.Errorf("message = %s", m)
	}
	if md := string(markdown(t, r)); !strings.Contains(md, "> - `E01-202607-0028`：隐患类别 钢瓶存放地点通风不良 → LOC_GARAGE") {
		t.Errorf("markdown:\n%s", md)
	}
}

// TestClosures (review finding 3): a town turning rows open past its
// deadline into 核实无此隐患, or closing them with a date before the previous
// version was received, is warned about; closing on a later date is not.
func TestClosures(t *testing.T) {
	p := "data/rectifications/2026-07/310118102.csv"
	const open = "E01-202607-0028,胜利街居委会,未整改,,,村委会 吴芳,用户不配合,是,"
	run := func(t *testing.T, row string, now time.Time) *Report {
		f := newFixture(t)
		f.pr("town-310118102", f.base.With(testrepo.Files{p: strings.Replace(f.base[p], open, row, 1)}), f.main)
		r := f.checkAt("town-310118102", now, time.Time{})
		if !r.Passed {
			t.Fatalf("errors = %+v", r.Errors)
		}
		return r
	}
	void := "E01-202607-0028,胜利街居委会,核实无此隐患,,,村委会 吴芳,,否,"
	t.Run("voided after the deadline", func(t *testing.T) {
		r := run(t, void, day(2026, 10, 5))
		if warningCodes(r) != "closure.voided" {
			t.Fatalf("warnings = %q", warningCodes(r))
		}
		want := "汇总表截止时间 2026-09-30T23:59:59+08:00 之后，把 1 条未办结的隐患改为“核实无此隐患”：“核实无此隐患”在任何时间都算闭环，所以过去各期月报（未发布版本的重新生成）中这些隐患的街镇逾期未办结会消失：E01-202607-0028（未整改 → 核实无此隐患）"
		if got := warning(r, "closure.voided"); got != want {
			t.Errorf("message\n got %s\nwant %s", got, want)
		}
	})
	t.Run("voided before the deadline", func(t *testing.T) {
		if r := run(t, void, day(2026, 9, 15)); warningCodes(r) != "" {
			t.Errorf("warnings = %q", warningCodes(r))
		}
	})
	t.Run("backdated closure", func(t *testing.T) {
		// The previous version reached main on 2026-08-01 (t0) saying 未整改.
		r := run(t, "E01-202607-0028,胜利街居委会,已整改,更换,2026-07-28,村委会 吴芳,,是,", day(2026, 10, 5))
		if warningCodes(r) != "closure.backdated" {
			t.Fatalf("warnings = %q", warningCodes(r))
		}
		if a := r.Alterations[0]; a.Rows[0].Change != "未整改 → 已整改，整改完成日期 2026-07-28（上一版 2026-08-01 收到时仍为未整改）" {
			t.Errorf("alteration = %+v", a)
		}
	})
	t.Run("closed after the previous version", func(t *testing.T) {
		if r := run(t, "E01-202607-0028,胜利街居委会,已整改,更换,2026-08-02,村委会 吴芳,,是,", day(2026, 10, 5)); warningCodes(r) != "" {
			t.Errorf("warnings = %q", warningCodes(r))
		}
	})
}

// TestClosedRowsRewritten (review round 4 H10): a change to a row that was
// already closed in the previous version — its 整改状态, 整改完成日期 or
// 移交联合整治 — is warned about (closure.rewritten) with the column and both
// values, a date moved before the previous version's receipt marked; a
// still-open row that stops being 拒不整改 or 移交联合整治 is too
// (escalation.withdrawn). The same date written another way, or a column
// the figures do not read (整改方式, 核查人), is not. The previous version
// reached main on 2026-08-01 (t0); base rows:
// E01-202607-0069 已整改 修复 2026-08-18 否, E01-202607-0028 未整改 是.
func TestClosedRowsRewritten(t *testing.T) {
	p := "data/rectifications/2026-07/310118102.csv"
	const closed = "E01-202607-0069,胜利街居委会,已整改,修复,2026-08-18,居委会 陈丽,,否,"
	const open = "E01-202607-0028,胜利街居委会,未整改,,,村委会 吴芳,用户不配合,是,"
	for _, tt := range []struct {
		name          string
		base, row     string // base replaces open on main first ("" keeps it); row replaces the base row
		warnings, msg string
	}{
		{"closed row re-dated earlier", "", "E01-202607-0069,胜利街居委会,已整改,修复,2026-07-25,居委会 陈丽,,否,", "closure.rewritten",
			"改动了上一版已办结的 1 条隐患的整改状态、整改完成日期或移交联合整治：已办结的整改情况已计入过去各期月报，重新生成的月报（正式版本除外）随之改变：E01-202607-0069（整改完成日期 2026-08-18 → 2026-07-25，早于上一版 2026-08-01 的收件日期）"},
		{"closed row re-dated later", "", "E01-202607-0069,胜利街居委会,已整改,修复,2026-08-25,居委会 陈丽,,否,", "closure.rewritten",
			"改动了上一版已办结的 1 条隐患的整改状态、整改完成日期或移交联合整治：已办结的整改情况已计入过去各期月报，重新生成的月报（正式版本除外）随之改变：E01-202607-0069（整改完成日期 2026-08-18 → 2026-08-25）"},
		{"closed row voided", "", "E01-202607-0069,胜利街居委会,核实无此隐患,,,居委会 陈丽,,否,", "closure.rewritten",
			"改动了上一版已办结的 1 条隐患的整改状态、整改完成日期或移交联合整治：已办结的整改情况已计入过去各期月报，重新生成的月报（正式版本除外）随之改变：E01-202607-0069（整改状态 已整改 → 核实无此隐患；整改完成日期 2026-08-18 → （空））"},
		{"closed row reopened and escalated", "", "E01-202607-0069,胜利街居委会,拒不整改,,,居委会 陈丽,用户拒绝,是,", "closure.rewritten",
			"改动了上一版已办结的 1 条隐患的整改状态、整改完成日期或移交联合整治：已办结的整改情况已计入过去各期月报，重新生成的月报（正式版本除外）随之改变：E01-202607-0069（整改状态 已整改 → 拒不整改；整改完成日期 2026-08-18 → （空）；移交联合整治 否 → 是）"},
		{"same date written another way, other columns", "", "E01-202607-0069,胜利街居委会,已整改,更换,2026/8/18,镇安办 李强,,,", "date.normalised", ""},
		{"open row no longer escalated", "", "E01-202607-0028,胜利街居委会,整改中,,,村委会 吴芳,用户已同意更换,否,", "escalation.withdrawn",
			"1 条隐患上一版为拒不整改或已移交联合整治，本次仍未办结却撤销了：未办结的状态没有日期，过去各期月报（正式版本除外）重新生成时，拒不整改和移交联合整治的名单随之改变：E01-202607-0028（移交联合整治 是 → 否）"},
		{"refused row no longer refused", "E01-202607-0028,胜利街居委会,拒不整改,,,村委会 吴芳,用户不配合,是,",
			"E01-202607-0028,胜利街居委会,整改中,,,村委会 吴芳,用户已同意更换,否,", "escalation.withdrawn",
			"1 条隐患上一版为拒不整改或已移交联合整治，本次仍未办结却撤销了：未办结的状态没有日期，过去各期月报（正式版本除外）重新生成时，拒不整改和移交联合整治的名单随之改变：E01-202607-0028（整改状态 拒不整改 → 整改中；移交联合整治 是 → 否）"},
		{"escalated row closed", "", "E01-202607-0028,胜利街居委会,已整改,更换,2026-10-02,村委会 吴芳,,是,", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			main, base := f.main, f.base
			if tt.base != "" {
				base = f.base.With(testrepo.Files{p: strings.Replace(f.base[p], open, tt.base, 1)})
				main = f.g.Commit("town-310118102", t0, "拒不整改", base, f.main)
				f.g.Ref("refs/remotes/origin/main", main)
			}
			was := closed
			if strings.HasPrefix(tt.row, "E01-202607-0028,") {
				was = open
				if tt.base != "" {
					was = tt.base
				}
			}
			f.pr("town-310118102", base.With(testrepo.Files{p: strings.Replace(base[p], was, tt.row, 1)}), main)
			r := f.checkAt("town-310118102", day(2026, 10, 5), time.Time{})
			if !r.Passed || warningCodes(r) != tt.warnings {
				t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
			}
			code, _, _ := strings.Cut(tt.warnings, " ")
			if !strings.Contains(code, ".") || code == "date.normalised" {
				if len(r.Alterations) != 0 {
					t.Errorf("alterations %+v", r.Alterations)
				}
				return
			}
			if got := warning(r, code); got != tt.msg {
				t.Errorf("%s\n got %s\nwant %s", code, got, tt.msg)
			}
			if len(r.Alterations) != 1 {
				t.Fatalf("alterations %+v", r.Alterations)
			}
			a := r.Alterations[0].Rows[0]
			if txt := textOf(t, r); !strings.Contains(txt, "    "+a.ID+"："+a.Change+"\n") {
				t.Errorf("text:\n%s", txt)
			}
		})
	}
}

// TestLaterReceipt (review finding 4): a receipts.csv line that the pull
// request adds and that records a file later than its first appearance on
// the main line is warned about; an earlier one (代报) and a forge (pr)
// line are not, nor a later line the base branch has already.
func TestLaterReceipt(t *testing.T) {
	const p = "data/receipts.csv"
	head := "path,received_at,channel,note\n"
	later := "data/hazards/2026-07/E01.csv,2026-08-05T10:00:00+08:00,email,代报\n" // first on main at t0 = 2026-08-01 09:00
	earlier := "data/hazards/2026-07/E02.csv,2026-08-01T08:00:00+08:00,email,代报\n"
	forge := "data/rectifications/2026-07/310118102.csv,2026-08-03T10:00:00+08:00,pr,#3\n"
	f := newFixture(t)
	f.pr("qp-gas-centre", f.base.With(testrepo.Files{p: head + later + earlier + forge}), f.main)
	r := f.checkAt("qp-gas-centre", day(2026, 8, 6), time.Time{})
	if warningCodes(r) != "received_at.later" {
		t.Fatalf("warnings = %q", warningCodes(r))
	}
	d := r.Warnings[len(r.Warnings)-1]
	if d.File != p || d.Line != 2 || d.Column != "received_at" || d.Value != "2026-08-05T10:00:00+08:00" ||
		d.Message != "收件记录把 data/hazards/2026-07/E01.csv 的收件时间登记为 2026-08-05T10:00:00+08:00，晚于该文件第一次出现在主线上的时间 2026-08-01T09:00:00+08:00：收件记录只能把收件时间提前，这一行不采用，收件时间按主线上的时间计" {
		t.Errorf("warning = %+v", d)
	}
	// The line is on main already: another change of receipts.csv does not repeat it.
	main := f.g.Commit("qp-gas-centre", at(3), "receipts", f.base.With(testrepo.Files{p: head + later}), f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	f.pr("qp-gas-centre", f.base.With(testrepo.Files{p: head + later + earlier}), main)
	if r := f.checkAt("qp-gas-centre", day(2026, 8, 6), time.Time{}); warningCodes(r) != "" {
		t.Errorf("old line: warnings = %q", warningCodes(r))
	}
}

// TestFutureReceiptOnBase (review, 2026-12-02 finding 6): a receipts.csv
// line already on the base branch whose time is after the check's time was
// recorded by an earlier change; a pull request that adds another line is
// answerable only for its own line (received_at.future on the added line
// only, and none when the added line is in the past).
func TestFutureReceiptOnBase(t *testing.T) {
	const p = "data/receipts.csv"
	head := "path,received_at,channel,note\n"
	future := "data/hazards/2026-07/E02.csv,2026-08-20T10:00:00+08:00,email,代报\n" // after the check at 08-06
	past := "data/hazards/2026-07/E01.csv,2026-08-01T08:00:00+08:00,email,代报\n"
	f := newFixture(t)
	main := f.g.Commit("qp-gas-centre", at(3), "receipts", f.base.With(testrepo.Files{p: head + future}), f.main)
	f.g.Ref("refs/remotes/origin/main", main)
	f.pr("qp-gas-centre", f.base.With(testrepo.Files{p: head + future + past}), main)
	if r := f.checkAt("qp-gas-centre", day(2026, 8, 6), time.Time{}); !r.Passed || len(r.Errors) != 0 {
		t.Errorf("a line on the base branch failed the change: errors %q", codes(r))
	}
	// The same line altered by the change (a later time) is the change's own.
	altered := strings.Replace(future, "08-20", "08-21", 1)
	f.pr("qp-gas-centre", f.base.With(testrepo.Files{p: head + altered + past}), main)
	r := f.checkAt("qp-gas-centre", day(2026, 8, 6), time.Time{})
	wantError(t, r, p, "received_at.future")
	if d := r.Errors[0]; d.Line != 2 || d.Value != "2026-08-21T10:00:00+08:00" {
		t.Errorf("error %+v, want line 2 with the altered time", d)
	}
	// Without the base line the future line is an error (as before).
	f = newFixture(t)
	f.pr("qp-gas-centre", f.base.With(testrepo.Files{p: head + future}), f.main)
	wantError(t, f.checkAt("qp-gas-centre", day(2026, 8, 6), time.Time{}), p, "received_at.future")
}

// TestRemovedRectifications (adversarial review F20): rows deleted from a
// 汇总表 are warned about with the state the base reported.
func TestRemovedRectifications(t *testing.T) {
	f := newFixture(t)
	f.pr("town-310118102", f.base.With(testrepo.Files{"data/rectifications/2026-07/310118102.csv": rectHeader}), f.main)
	r := f.checkAt("town-310118102", day(2026, 9, 20), time.Time{})
	// emptied to its header, the file is no submission any more (H9: file.unfilled)
	if !r.Passed || warningCodes(r) != "rows.removed file.unfilled" {
		t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
	}
	if got, want := warning(r, "rows.removed"), "本次删除了已报送的整改情况：E01-202607-0028（未整改）、E01-202607-0068（已整改 2026-08-12）、E01-202607-0069（已整改 2026-08-18）、E01-202607-0102（已整改 2026-08-20）、E02-202607-0012（已整改 2026-09-01）、E02-202607-0070（已整改 2026-07-21）、E02-202607-0080（已整改 2026-08-08）"; got != want {
		t.Errorf("message\n got %s\nwant %s", got, want)
	}
}

// TestLostZeros (G1): a 排查表 row whose 告知单编号 lost its leading zeros
// since the version on the base branch (a spreadsheet's CSV round trip)
// is warned about, naming the row, the column and both values.
func TestLostZeros(t *testing.T) {
	p := "data/hazards/2026-07/E01.csv"
	g := testrepo.NewGit(t, t.TempDir())
	base := testrepo.ReadDir(t, "testdata/base")
	lines := strings.SplitAfter(base[p], "\n")
	cells := strings.Split(lines[1], ",")
	cells[13] = "0012345" // 告知单编号
	lines[1] = strings.Join(cells, ",")
	base[p] = strings.Join(lines, "")
	main := g.Commit("qp-gas-centre", t0, "参考数据与 2026-07 数据", base)
	g.Ref("refs/heads/main", main)
	g.Ref("refs/remotes/origin/main", main)
	g.Head("main")
	f := &fixture{t: t, g: g, base: base, main: main}
	cells[13] = "12345"
	lines[1] = strings.Join(cells, ",")
	f.pr("ent-e01", f.base.With(testrepo.Files{p: strings.Join(lines, "")}), f.main)
	r := f.checkAt("ent-e01", day(2026, 12, 2), time.Time{})
	if !r.Passed || warningCodes(r) != "value.leading_zero" {
		t.Fatalf("passed=%v warnings=%q errors=%v", r.Passed, warningCodes(r), r.Errors)
	}
	want := "告知单编号开头的 0 丢失：" + cells[0] + "（0012345 → 12345）"
	if m := warning(r, "value.leading_zero"); m != want {
		t.Errorf("message\n got %s\nwant %s", m, want)
	}
}

// TestHeadClockInCheck (review round 4, H7): a pull request whose only
// commit, dated 2027-03-01, sits on the base tip (a fast-forward would make
// it main's tip and the site's clock) is refused; the same change on a
// branch that does not contain the base tip (the forge must make a merge
// commit) is not judged by the head's date; a commit dated at the check is
// fine.
func TestHeadClockInCheck(t *testing.T) {
	f := newFixture(t)
	p := "data/hazards/2026-08/E01.csv"
	files := f.base.With(testrepo.Files{p: august})
	now := day(2026, 12, 3)
	h := f.g.Commit("ent-e01", day(2027, 3, 1), "E01 备注", files, f.main)
	f.g.Ref("refs/heads/feature", h)
	f.g.Head("feature")
	r := f.checkAt("ent-e01", now, time.Time{})
	if r.Passed || !strings.Contains(codes(r), "commit.head_future") {
		t.Fatalf("future head: passed=%v errors=%q", r.Passed, codes(r))
	}
	// main moves on: the branch no longer contains the tip
	moved := f.g.Commit("qp-gas-centre", day(2026, 12, 2), "centre", f.base.With(testrepo.Files{"data/meetings/x.md": "---\ntitle: 纪要\ndate: 2026-12-01\n---\n正文\n"}), f.main)
	f.g.Ref("refs/remotes/origin/main", moved)
	if r := f.checkAt("ent-e01", now, time.Time{}); strings.Contains(codes(r), "commit.head_") {
		t.Errorf("not fast-forward: errors=%q", codes(r))
	}
	f.g.Ref("refs/remotes/origin/main", f.main)
	h = f.g.Commit("ent-e01", now, "E01 备注", files, f.main)
	f.g.Ref("refs/heads/feature", h)
	if r := f.checkAt("ent-e01", now, time.Time{}); strings.Contains(codes(r), "commit.head_") {
		t.Errorf("dated now: errors=%q", codes(r))
	}
}

// TestFutureCommitBelowHead (review round 5, K1): a fast-forwardable pull
// request whose first commit is dated 2027-03-01 and whose head is dated
// now is refused too — both commits land on the main line.
func TestFutureCommitBelowHead(t *testing.T) {
	f := newFixture(t)
	p := "data/hazards/2026-08/E01.csv"
	now := day(2026, 12, 3)
	c1 := f.g.Commit("ent-e01", day(2027, 3, 1), "C1", f.base.With(testrepo.Files{p: august}), f.main)
	c2 := f.g.Commit("ent-e01", now, "C2", f.base.With(testrepo.Files{p: strings.Replace(august, "13800138000", "13800138001", 1)}), c1)
	f.g.Ref("refs/heads/feature", c2)
	f.g.Head("feature")
	r := f.checkAt("ent-e01", now, time.Time{})
	if r.Passed || !strings.Contains(codes(r), "commit.head_future") || !strings.Contains(r.Errors[0].Message+fmt.Sprint(r.Errors), c1.String()[:7]) {
		t.Fatalf("passed=%v errors=%+v", r.Passed, r.Errors)
	}
}
