package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBuildLateAddedRowTownDeadline (review, item 1; README 街镇期限): a row
// a later version of a 排查表 added (逾期补报, committed 2026-12-10) gives the
// town until the end of the month after that, 2027-01-31; the file's other
// row without a town row, received with the file on 2026-11-20, is the
// town's fault from 2027-01-01. Report 2027-01 at 2027-01-06: one
// 街镇逾期未办结, not two; the added row is 待报送 and its page says why.
func TestBuildLateAddedRowTownDeadline(t *testing.T) {
	g, dir := tinyRepo(t)
	p := "data/hazards/2026-10/E01.csv"
	old, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		t.Fatal(err)
	}
	row := "E01-202610-0003,朱家角镇,东湖街居委会,居民,郭德,13800139807,朱家角镇城中东路432弄36号103室,2026-10-23,钱卫东,气瓶未直立使用,,一般,书面告知限期整改,E01GZ2026100003,,\n"
	commit(t, g, time.Date(2026, 12, 10, 9, 0, 0, 0, sh), "逾期补报", map[string][]byte{p: append(old, row...)})
	out := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := runAt(day(5, 12), "build", "--root", dir, "--out", out, "--as-of", "2027-01-06T10:00:00+08:00"); code != ExitOK {
		t.Fatalf("build: exit %d\n%s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(out, "reports", "2027-01", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Open struct {
			Total       int `json:"total"`
			TownOverdue int `json:"town_overdue"`
		} `json:"open"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Open.Total != 2 || rep.Open.TownOverdue != 1 {
		t.Errorf("report 2027-01 open %d, town_overdue %d; want 2, 1 (2 when the added row took the file's receipt)", rep.Open.Total, rep.Open.TownOverdue)
	}
	page, err := os.ReadFile(filepath.Join(out, "towns", "310118102", "E01-202610-0003.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"街镇汇总表截止 2027-01-31（排查表逾期报送：这一条 2026-12-10 09:00 才收到", "汇总表 2027-01-31 前报送"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("hazard page lacks %q", want)
		}
	}
}
