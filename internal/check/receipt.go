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
				Hint: "收件时间只按 forge 记录的 pull request 创建时间计，提交中的时间不起作用；请审核人核实是否改动了电脑时间或提交时间"})
		}
	}
	return out
}

// span writes d in days (≥ 2 days) or whole hours.
func span(d time.Duration) string {
	if d >= 48*time.Hour {
		return fmt.Sprintf("%d 天", int(d/(24*time.Hour)))
	}
	return fmt.Sprintf("%d 小时", int(d/time.Hour))
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
