package render

import (
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// TestLateRows (review finding 1): the scorecard's 逾期补报行数 counts the
// rows later versions of a 排查表 added after its deadline — an empty
// placeholder received on 12-02 and filled on 03-10 shows 5 — and not the
// rows of the first version, nor rows added before the deadline.
func TestLateRows(t *testing.T) {
	sh := calendar.Shanghai
	due := calendar.HazardDue(calendar.Month{Year: 2027, Month: 1}) // 2027-02-25 23:59:59
	revs := []model.Revision{
		{Commit: "aaaaaaaaaa", When: time.Date(2026, 12, 2, 10, 0, 0, 0, sh), Added: 0},
		{Commit: "bbbbbbbbbb", When: time.Date(2027, 2, 20, 10, 0, 0, 0, sh), Added: 2},
		{Commit: "cccccccccc", When: time.Date(2027, 3, 10, 10, 0, 0, 0, sh), Added: 5, Changed: 1},
		{Commit: "dddddddddd", When: time.Date(2027, 3, 12, 10, 0, 0, 0, sh), Changed: 3},
	}
	n, commits := lateRows(revs, due, nil)
	if n != 5 || commits != "ccccccc（2027-03-10，5 行）" {
		t.Errorf("lateRows = %d, %q", n, commits)
	}
	// Review round 3, G16: an update line naming cccccccccc (the pull
	// request opened on 02-24, before the deadline) makes its 5 rows on
	// time; a line naming it with a time after the commit, or naming
	// another commit, changes nothing.
	for _, tt := range []struct {
		updates map[string]time.Time
		n       int
		commits string
	}{
		{map[string]time.Time{"cccccccccc": time.Date(2027, 2, 24, 9, 0, 0, 0, sh)}, 0, ""},
		{map[string]time.Time{"cccccccccc": time.Date(2027, 3, 11, 9, 0, 0, 0, sh)}, 5, "ccccccc（2027-03-10，5 行）"},
		{map[string]time.Time{"bbbbbbbbbb": time.Date(2027, 2, 1, 9, 0, 0, 0, sh)}, 5, "ccccccc（2027-03-10，5 行）"},
	} {
		if n, commits := lateRows(revs, due, tt.updates); n != tt.n || commits != tt.commits {
			t.Errorf("lateRows with %v = %d, %q; want %d, %q", tt.updates, n, commits, tt.n, tt.commits)
		}
	}
	// A file first received late is late as a whole: its rows are not 补报.
	if n, _ := lateRows(revs[2:3], due, nil); n != 0 {
		t.Errorf("first version counted: %d", n)
	}
}
