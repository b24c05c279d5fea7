package loop

import (
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// TestEvaluateHeaderOnlyRectifications (adversarial review F15): a 汇总表
// without a data row is no submission — pending before the town's deadline,
// missing after it — whatever its receipt; a header-only 排查表 is one.
func TestEvaluateHeaderOnlyRectifications(t *testing.T) {
	sh := calendar.Shanghai
	m := calendar.Month{Year: 2026, Month: 9}
	early := time.Date(2026, 9, 15, 10, 0, 0, 0, sh)
	rp, hp := "data/rectifications/2026-09/310118102.csv", "data/hazards/2026-09/E01.csv"
	rec := ReceiptMap{rp: early, hp: early}
	for _, tt := range []struct {
		name     string
		form     string
		sub      string
		rows     int
		at       time.Time
		status   string
		received bool
	}{
		{"header-only 汇总表 before the deadline", model.FormRectifications, "310118102", 0, time.Date(2026, 11, 30, 23, 59, 58, 0, sh), Pending, false},
		{"header-only 汇总表 after the deadline", model.FormRectifications, "310118102", 0, time.Date(2026, 12, 1, 0, 0, 0, 0, sh), Missing, false},
		{"汇总表 with a row", model.FormRectifications, "310118102", 1, time.Date(2026, 12, 1, 0, 0, 0, 0, sh), OnTime, true},
		{"header-only 排查表", model.FormHazards, "E01", 0, time.Date(2026, 12, 1, 0, 0, 0, 0, sh), OnTime, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := rp
			if tt.form == model.FormHazards {
				p = hp
			}
			d := &model.Dataset{Files: []model.File{{Path: p, Form: tt.form, Month: m, Submitter: tt.sub, Rows: tt.rows}}}
			s := Evaluate1(d, rec, tt.form, m, tt.sub, tt.at, tt.at)
			if s.Status != tt.status || (s.ReceivedAt != nil) != tt.received {
				t.Errorf("status %s, received_at %v; want %s, received %v", s.Status, s.ReceivedAt, tt.status, tt.received)
			}
		})
	}
}
