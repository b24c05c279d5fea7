package render

import (
	"maps"
	"os"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/validate"
)

// TestHazardPageLateFileDeadlines (review, item 1): a hazard whose 排查表
// reached the centre late (E01's 2026-09 排查表 re-dated to 2026-12-05)
// shows the 派发 and 汇总表 deadlines that run from its receipt, says why,
// and is not 街镇逾期未办结 on 12-06 (its 汇总表 of 2026-09 was due 11-30).
func TestHazardPageLateFileDeadlines(t *testing.T) {
	res, err := validate.Repository(os.DirFS("../.."), nil) // own copy: Known stamps the hazards
	if err != nil {
		t.Fatal(err)
	}
	d := res.Data
	rec := maps.Clone(d.Receipts)
	rec["data/hazards/2026-09/E01.csv"] = time.Date(2026, 12, 5, 10, 0, 0, 0, calendar.Shanghai)
	opt := sampleOptions(d, false)
	opt.Receipts, opt.AsOf = loop.ReceiptMap(rec), time.Date(2026, 12, 6, 10, 0, 0, 0, calendar.Shanghai)
	s, err := newSite(d, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := s.tl.Hazard("E01-202609-0001")
	if h == nil {
		t.Fatal("no E01-202609-0001")
	}
	p := s.hazardPage(h, nil)
	var dist, now hazardEvent
	for _, e := range p.Events {
		switch e.Step {
		case "派发":
			dist = e
		case "现状":
			now = e
		}
	}
	if want := "期限 2026-12-31"; dist.When != want {
		t.Errorf("派发 when %q, want %q", dist.When, want)
	}
	if want := "街镇汇总表截止 2027-01-31（排查表逾期报送：这一条 2026-12-05 10:00 才收到，派发和街镇期限相应顺延；按时报送时为派发 2026-10-31、汇总表 2026-11-30）"; !strings.Contains(dist.Text, want) {
		t.Errorf("派发 text %q lacks %q", dist.Text, want)
	}
	if strings.Contains(now.Text, "街镇逾期未办结") {
		t.Errorf("现状 blames the town: %q", now.Text)
	}
}

// TestNewMissingNotZero (review, item 3): at 2026-12-26 no 2026-11 排查表
// has been received and all are past due (12-25): report 2026-12 states no
// count and no comparison ("比上期减少 216 起" before), the card, trend
// table and workbook say 未收到, and every town's 2026-12 point is 未收到.
func TestNewMissingNotZero(t *testing.T) {
	s, i := draftAt(t, time.Date(2026, 12, 26, 10, 0, 0, 0, calendar.Shanghai))
	c := s.completeness(i)
	if !c.NewMissing || c.NewNotDue {
		t.Errorf("NewMissing %v, NewNotDue %v; want true, false", c.NewMissing, c.NewNotDue)
	}
	if want := "未收到：E01、E02、E03、E04 的 2026年11月 排查表均逾期未报（截止 2026年12月25日），本节没有数据；这不表示没有发现隐患。"; c.New != want {
		t.Errorf("new caveat\n got %s\nwant %s", c.New, want)
	}
	sum := s.summary(i)
	if want := "2026年11月的排查表均逾期未报（E01、E02、E03、E04），没有新发现隐患数据。"; !strings.Contains(sum, want) || strings.Contains(sum, "比上期") || strings.Contains(sum, "新发现隐患 0 起") {
		t.Errorf("summary:\n%s\nwant %s and no comparison", sum, want)
	}
	tr := loop.Trend(s.reports, "", 2)
	if tr[0].NewMissing || !tr[1].NewMissing || tr[0].New != 216 {
		t.Errorf("trend %+v: want 2026-11 with 216 new, 2026-12 未收到", tr)
	}
	for _, town := range s.d.Ref.Towns {
		if p := loop.Trend(s.reports, town.Code, 1)[0]; !p.NewMissing {
			t.Errorf("%s 2026-12 point %+v: want 未收到", town.Name, p)
		}
	}
	if got := newHazardsCell(0, c); got != "未收到（排查表逾期未报）" {
		t.Errorf("workbook cell %v", got)
	}
}
