package validate

import (
	"regexp"
	"strings"
)

// reMergeNote finds the merge commit an update line of receipts.csv names
// in its note: 合并提交 followed by the commit's full hash (40 hex digits).
// The line of a file's own receipt that lpg receipt writes names its merge
// by 7 digits only, so it is never taken for an update line.
var reMergeNote = regexp.MustCompile(`合并提交 ?([0-9a-f]{40})(?:[^0-9a-f]|$)`)

// ReceiptMerge reports whether a receipts.csv line (its channel and note)
// is an update line (review round 3, G16; README "设计卡未规定之处的决定",
// 已收文件的后续改动): a line of channel pr (the forge's pull-request record)
// whose note names a commit by its full hash and says 后续改动
// (UpdateMark), as lpg receipt writes it for a file already received that
// a merged pull request changed ("pull request #12 合并提交 <40 位哈希>（已收到
// 文件的后续改动…）"); a hand-written 补记 of a file's receipt that copies
// the full hash from the forge stays the file's receipt (review round 5,
// K6: it was read as an update line and the file published late). Such a
// line is not the file's receipt:
// it is the receipt of the rows that commit added to the file (the pull
// request's creation time), used only when earlier than the commit's time
// on the main line (loop.RowMap). commit is the lower-case hash; ok is
// false for every other line (a file's receipt).
func ReceiptMerge(channel, note string) (commit string, ok bool) {
	if !strings.EqualFold(strings.TrimSpace(channel), "pr") {
		return "", false
	}
	m := reMergeNote.FindStringSubmatch(note)
	if m == nil || !strings.Contains(note, UpdateMark) {
		return "", false
	}
	return m[1], true
}

// UpdateMark is the word an update line's note holds (loop.ForgeUpdates
// writes it).
const UpdateMark = "后续改动"

// RecordedKey is the key of a receipts.csv line in
// Options.RecordedReceipts: its path for a file's receipt, path and merge
// commit for an update line (ReceiptMerge), which may be one of several
// for the path.
func RecordedKey(path, channel, note string) string {
	if c, ok := ReceiptMerge(channel, note); ok {
		return path + " " + c
	}
	return path
}
