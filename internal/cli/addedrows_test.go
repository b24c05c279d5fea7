package cli

import (
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
