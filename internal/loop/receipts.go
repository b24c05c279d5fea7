package loop

import (
	"fmt"
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/layout"
)

// The receipt rule (issue 11; README "收件时间").
//
// A submission file is received when the submitter handed it over, as the
// forge recorded it: the time the pull request that first brought the path
// onto main was opened (created_at of the pull request, stamped by GitHub
// or Gitea, not by anything inside a commit the submitter made, and not the
// reviewer's merge time). The publish workflow, which runs on main after
// every merge with write permission and never runs pull-request code,
// appends that time to data/receipts.csv with channel "pr" (ForgeChannel)
// and commits it; a build therefore stays a pure function of the
// repository. The lookup from the pushed commit to its pull request works
// for every merge style: the forge's merge_commit_sha is the tip that the
// push put on main for a merge commit, a squash, a rebase and a
// fast-forward alike (GitHub GET /repos/{o}/{r}/commits/{sha}/pulls, Gitea
// GET /repos/{o}/{r}/commits/{sha}/pull).
//
// receipts.csv is consulted first (Chain), so a forge receipt, like a 代报
// receipt (channel email), wins over git. Where no forge record exists
// (history from before this rule, plain git, a file committed to main
// directly) the old rule stays: the committer time of the oldest commit on
// HEAD's first-parent chain in which the path exists (history.Index).

// ForgeChannel is the channel of a receipt recorded from the forge's
// pull-request record.
const ForgeChannel = "pr"

// PullRequest is what the forge recorded of a merged pull request.
type PullRequest struct {
	Number   int
	OpenedAt time.Time // created_at, as the forge stamped it
	Merge    string    // merge_commit_sha: the commit the merge put on main
}

// ReceiptLine is one line of data/receipts.csv (path,received_at,channel,note).
type ReceiptLine struct {
	Path, ReceivedAt, Channel, Note string
}

// Record returns the line as CSV fields.
func (l ReceiptLine) Record() []string {
	return []string{l.Path, l.ReceivedAt, l.Channel, l.Note}
}

// IsSubmissionPath reports whether p is the well-formed path of a 排查表 or
// 汇总表 (layout.ParseSubmission).
func IsSubmissionPath(p string) bool {
	_, err := layout.ParseSubmission(p)
	return err == nil
}

// ForgeReceipts applies the receipt rule to a merged pull request: every
// submission file among added (the paths the merge put on main that were
// not there before it) that receipts.csv does not list yet (recorded) is
// received at pr.OpenedAt, in Asia/Shanghai. The ledger is append-only: a
// path already listed (an earlier pull request, a 代报 receipt) keeps its
// line. Lines are sorted by path.
func ForgeReceipts(pr PullRequest, added []string, recorded map[string]bool) []ReceiptLine {
	var out []ReceiptLine
	seen := map[string]bool{}
	for _, p := range added {
		if !IsSubmissionPath(p) || recorded[p] || seen[p] {
			continue
		}
		seen[p] = true
		note := fmt.Sprintf("pull request #%d 创建时间（forge 记录）", pr.Number)
		if len(pr.Merge) >= 7 {
			note += "，合并提交 " + pr.Merge[:7]
		}
		out = append(out, ReceiptLine{Path: p, ReceivedAt: calendar.FormatTime(pr.OpenedAt), Channel: ForgeChannel, Note: note})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// Update is a submission file already received that a commit of the
// main line changed (history.Repo.Updated): Commit is the commit's full
// hash.
type Update struct{ Path, Commit string }

// ForgeUpdates applies the receipt rule to the rows a merged pull request
// added to files already received (review round 3, G16; README
// "设计卡未规定之处的决定", 已收文件的后续改动): one line per update (a file
// and a commit of the main line that changed it) that recorded (keys of
// repository.Receipts.Recorded: path and commit) does not hold yet, at
// pr.OpenedAt in Asia/Shanghai, channel pr, the note naming the pull
// request and the commit by its full hash (validate.ReceiptMerge reads
// it back). Such a line is not the file's receipt, which stays what it
// was: the rows the commit added count from min(the commit's time on the
// main line, pr.OpenedAt), so rows sent in a pull request opened before
// the deadline are not 逾期补报 however late the merge. Lines are in the
// order of updates (oldest commit first, paths sorted within one).
func ForgeUpdates(pr PullRequest, updates []Update, recorded map[string]bool) []ReceiptLine {
	var out []ReceiptLine
	seen := map[string]bool{}
	for _, u := range updates {
		k := u.Path + " " + u.Commit
		if !IsSubmissionPath(u.Path) || recorded[k] || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, ReceiptLine{Path: u.Path, ReceivedAt: calendar.FormatTime(pr.OpenedAt), Channel: ForgeChannel,
			Note: fmt.Sprintf("pull request #%d 合并提交 %s（已收到文件的后续改动，收件时间为 pull request 创建时间）", pr.Number, u.Commit)})
	}
	return out
}

// OverruledSource says where a file's receipt time comes from when its
// receipts.csv line (at line) was later than the file's first appearance
// on the main line and git's time counts instead (Ledger.Overruled), for
// the files page.
func OverruledSource(line time.Time) string {
	return "主线提交时间（收件记录登记的 " + calendar.FormatTime(line) + " 晚于它，不采用）"
}

// ReceiptSource says in Chinese where a file's receipt time comes from, for
// the files page: channel is its receipts.csv channel ("" when the path is
// not listed), git whether the build has history.
func ReceiptSource(channel string, listed, git bool) string {
	switch {
	case listed && channel == ForgeChannel:
		return "pull request 创建时间（forge 记录）"
	case listed && channel != "":
		return "代报收件记录（" + channel + "）"
	case listed:
		return "代报收件记录"
	case git:
		return "主线提交时间（无 forge 记录）"
	default:
		return "无记录"
	}
}
