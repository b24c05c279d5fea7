package check

import (
	"fmt"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/diag"
	"lpg/internal/layout"
	"lpg/internal/loop"
)

// DateSkew is how far a commit's committer or author date may lie from
// the check's own time before lpg check warns (issue 11): 24 hours. A
// submitter commits, opens the pull request and the check runs within
// minutes; a day covers a clock a few hours off and a commit made the day
// before. Beyond it the date was most likely set by hand
// (GIT_COMMITTER_DATE, git commit --date) to look on time. The warning does
// not block: receipt times never come from commits (loop.ForgeReceipts).
const DateSkew = 24 * time.Hour

// maxPRCommits bounds the commits of a pull request that are looked at.
const maxPRCommits = 500

// Receipt is what the check expects to be recorded for a submission file
// the pull request adds, once it is merged.
type Receipt struct {
	Path   string `json:"path"`
	Due    string `json:"due"`         // RFC 3339, +08:00
	At     string `json:"received_at"` // RFC 3339, +08:00; "" when the pull request's creation time was not given
	Status string `json:"status"`      // on_time, late, "" when unknown
}

// CommitDate is one commit of a pull request and the dates it carries.
type CommitDate struct {
	Hash      string
	Committer time.Time
	Author    time.Time
}

// DateDiagnostics warns about every commit whose committer or author date
// lies more than DateSkew from now (the check's own time), earlier
// (commit.backdated) or later (commit.future). Pure; commits in any order,
// diagnostics in the order of the commits.
func DateDiagnostics(commits []CommitDate, now time.Time) []diag.Diagnostic {
	var out []diag.Diagnostic
	for _, c := range commits {
		short := c.Hash
		if len(short) > 7 {
			short = short[:7]
		}
		for _, d := range []struct {
			what string
			t    time.Time
		}{{"提交时间（committer date）", c.Committer}, {"作者时间（author date）", c.Author}} {
			skew := now.Sub(d.t)
			code, rel := "commit.backdated", "早于"
			if skew < 0 {
				skew, code, rel = -skew, "commit.future", "晚于"
			}
			if skew <= DateSkew {
				continue
			}
			out = append(out, diag.Diagnostic{Code: code, Value: short, Severity: diag.Warning,
				Message: fmt.Sprintf("提交 %s 的%s %s %s检查时间 %s %s（超过 24 小时）", short, d.what,
					calendar.FormatTime(d.t), rel, calendar.FormatTime(now), span(skew)),
				Hint: "收件时间只按 forge 记录的 pull request 创建时间计，不取提交中的时间；但主线最新提交的时间是网站的统计截止时间（见 commit.head_future）。请审核人核实是否改动了电脑时间或提交时间"})
		}
	}
	return out
}

// HeadSkew is how far the head commit's committer date may lie after the
// check's own time before HeadClock refuses it: a few minutes of clock
// drift.
const HeadSkew = 10 * time.Minute

// HeadClock judges the committer date of a commit of the pull request
// (lpg check calls it for every one: a fast-forward puts them all on the
// main line's first-parent chain, review round 5 K1) when the forge can
// merge it by fast-forward (ff is true: the head
// contains the base branch's tip; Gitea's "fast-forward only" merge, and a
// rebase that has nothing to rebase, keep the submitter's commit as it
// is): a build takes its as_of from the HEAD commit's time (DESIGN.md
// "Time"), so that date becomes the site's clock. Later than now by more
// than HeadSkew is the error commit.head_future: the site would count
// every deadline up to that day as passed (every town 街镇逾期, every
// enterprise 逾期未报; review round 4, H7). A head dated before the base
// tip cannot move the site back: lpg build never takes an as_of before
// the latest commit of the main line (history.Index.Latest). Pure.
func HeadClock(head CommitDate, ff bool, now time.Time) []diag.Diagnostic {
	if !ff || head.Hash == "" || now.IsZero() || head.Committer.Sub(now) <= HeadSkew {
		return nil
	}
	short := head.Hash
	if len(short) > 7 {
		short = short[:7]
	}
	t := head.Committer
	return []diag.Diagnostic{{Code: "commit.head_future", Value: short, Severity: diag.Error,
		Message: fmt.Sprintf("提交 %s 的提交时间 %s 晚于现在（%s）%s：以 fast-forward 方式合并后它进入主线，网站按主线上的提交时间统计，到那天为止的截止时间都会算作已过（各街镇、企业提前算作逾期）",
			short, calendar.FormatTime(t), calendar.FormatTime(now), span(t.Sub(now))),
		Hint: "把电脑的日期和时间调准后，执行 git commit --amend --no-edit --reset-author 重新提交并推送（或在网页上重新上传文件）；合并提交由 forge 生成时不受影响"}}
}

// span writes d in days (≥ 2 days), whole hours (≥ 1 hour) or minutes.
func span(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d 天", int(d/(24*time.Hour)))
	}
	if d >= time.Hour {
		return fmt.Sprintf("%d 小时", int(d/time.Hour))
	}
	return fmt.Sprintf("%d 分钟", int(d/time.Minute))
}

// Receipts lists, for every submission file in added (sorted paths), its
// deadline and, when opened (the forge's pull-request creation time) is
// known, the receipt time the publish workflow will record on merge and
// whether that is on time. Pure.
func Receipts(added []string, opened time.Time) []Receipt {
	var out []Receipt
	for _, p := range added {
		sub, err := layout.ParseSubmission(p)
		if err != nil {
			continue
		}
		due := calendar.HazardDue(sub.Month)
		if sub.Kind == layout.Rectifications {
			due = calendar.RectificationDue(sub.Month)
		}
		r := Receipt{Path: p, Due: calendar.FormatTime(due)}
		if !opened.IsZero() {
			r.At = calendar.FormatTime(opened)
			r.Status = loop.OnTime
			if opened.After(due) {
				r.Status = loop.Late
			}
		}
		out = append(out, r)
	}
	return out
}
