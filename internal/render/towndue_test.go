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
