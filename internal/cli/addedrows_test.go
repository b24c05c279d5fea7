package cli

import (
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/history"
	"lpg/internal/model"
	"lpg/internal/reference"
	"lpg/internal/testrepo"
)

// TestAddedRowsTownMoved (adversarial review F11): a row's receipt for
// the town's deadline is the version that added it (逾期补报) or in which
// its 街镇 took its current value; a 街镇 rewritten from name to code is
// no move, and a row of the first version that never moved is not listed.
func TestAddedRowsTownMoved(t *testing.T) {
	sh := calendar.Shanghai
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := "data/hazards/2026-08/E01.csv"
	hdr := "隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n"
	rest := ",胜利街居委会,居民,张三,,地址,2026-08-03,陆建平,HOSE_AGED,,,当场整改,,,\n"
	steps := []struct {
		when time.Time
		body string
	}{
		{time.Date(2026, 9, 20, 10, 0, 0, 0, sh), hdr + "E01-202608-0001,朱家角镇" + rest + "E01-202608-0002,朱家角镇" + rest + "E01-202608-0003,朱家角镇" + rest},
		{time.Date(2026, 10, 5, 10, 0, 0, 0, sh), hdr + "E01-202608-0001,310118102" + rest + "E01-202608-0002,朱家角镇" + rest + "E01-202608-0003,朱家角镇" + rest + "E01-202608-0004,练塘镇" + rest},
		{time.Date(2026, 12, 3, 10, 0, 0, 0, sh), hdr + "E01-202608-0001,310118102" + rest + "E01-202608-0002,练塘镇" + rest + "E01-202608-0003,朱家角镇" + rest + "E01-202608-0004,练塘镇" + rest},
	}
	for _, s := range steps {
		if _, err := g.Commit("E01", "e01", s.when, map[string][]byte{p: []byte(s.body)}); err != nil {
			t.Fatal(err)
		}
	}
	r, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := r.Scan(c.Hash)
	if err != nil {
		t.Fatal(err)
	}
	ref := &reference.Data{Towns: []reference.Town{{Code: "310118102", Name: "朱家角镇"}, {Code: "310118103", Name: "练塘镇"}}}
	ref.Index()
	got, err := addedRows(ix, []model.File{{Path: p, Form: model.FormHazards}}, ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"E01-202608-0002": steps[2].when, // moved to 练塘镇 on 12-03
		"E01-202608-0004": steps[1].when, // added on 10-05 (逾期补报)
	}
	ok := len(got) == 1 && len(got[p]) == len(want)
	for id, w := range want {
		ok = ok && got[p][id].Equal(w)
	}
	if !ok {
		t.Errorf("addedRows = %v, want %v", got, want)
	}
}

// TestAddedRowsUpdateLine (review round 3, G16): a 排查表 received on time
// (2026-09-20, deadline 2026-09-25 23:59:59); a pull request opened
// 2026-09-24 adds two rows and is merged 2026-09-27. The rows' receipt is
// the update line naming the merge when there is one (the forge's record
// of when the pull request was opened wins over the commit's date, as for
// files): 09-24 with the line, on time; 09-27 without it or with a line
// naming another commit; a line later than the commit (a fast-forward of a
// commit dated before the pull request was opened) moves them later.
func TestAddedRowsUpdateLine(t *testing.T) {
	sh := calendar.Shanghai
	dir := t.TempDir()
	g, err := testrepo.NewBuilder(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := "data/hazards/2026-08/E01.csv"
	hdr := "隐患编号,街镇,村居,用户类型,用户名称,联系电话,用气地址,安检日期,安检人员,隐患类别,隐患描述,隐患等级,现场处置,告知单编号,整改期限,备注\n"
	rest := ",朱家角镇,胜利街居委会,居民,张三,,地址,2026-08-03,陆建平,HOSE_AGED,,,当场整改,,,\n"
	if _, err := g.Commit("E01", "e01", time.Date(2026, 9, 20, 10, 0, 0, 0, sh), map[string][]byte{p: []byte(hdr + "E01-202608-0001" + rest)}); err != nil {
		t.Fatal(err)
	}
	merged := time.Date(2026, 9, 27, 10, 0, 0, 0, sh)
	merge, err := g.Commit("Merge pull request #12", "centre", merged, map[string][]byte{p: []byte(hdr + "E01-202608-0001" + rest + "E01-202608-0002" + rest + "E01-202608-0003" + rest)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := history.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c, err := r.HeadCommit()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := r.Scan(c.Hash)
	if err != nil {
		t.Fatal(err)
	}
	opened := time.Date(2026, 9, 24, 9, 0, 0, 0, sh)
	due := calendar.HazardDue(calendar.Month{Year: 2026, Month: 8})
	for _, tt := range []struct {
		name    string
		updates map[string]map[string]time.Time
		want    time.Time
	}{
		{"no update line", nil, merged},
		{"the pull request's line", map[string]map[string]time.Time{p: {merge.String(): opened}}, opened},
		{"a line naming another commit", map[string]map[string]time.Time{p: {strings.Repeat("a", 40): opened}}, merged},
		{"a line of another file", map[string]map[string]time.Time{"data/hazards/2026-08/E02.csv": {merge.String(): opened}}, merged},
		// the forge's record wins, as for files: a fast-forward commit dated
		// before the pull request was opened does not date its rows
		{"a line later than the commit", map[string]map[string]time.Time{p: {merge.String(): merged.Add(time.Hour)}}, merged.Add(time.Hour)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := addedRows(ix, []model.File{{Path: p, Form: model.FormHazards}}, nil, tt.updates)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || len(got[p]) != 2 || !got[p]["E01-202608-0002"].Equal(tt.want) || !got[p]["E01-202608-0003"].Equal(tt.want) {
				t.Errorf("addedRows = %v, want the two rows at %v", got, tt.want)
			}
			late := tt.want.After(due)
			if late != !tt.want.Equal(opened) { // only the opening (09-24) is before the deadline
				t.Errorf("late = %v at %v (due %v)", late, tt.want, due)
			}
		})
	}
}
