package loop

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
	"lpg/internal/reference"
)

// changesData builds a small dataset: enterprise E01, town T1 (T2 for the
// hazards whose id ends in "-t2"), hazards by id (month from the id, due on
// the 10th of the next month), town
// rows by hazard id (status), and the files present.
func changesData(hazards []string, rows map[string]string, files ...string) *model.Dataset {
	d := &model.Dataset{Ref: &reference.Data{Enterprises: []reference.Enterprise{{ID: "E01"}}},
		Rects: map[string]*model.Rectification{}}
	for _, id := range hazards {
		m, _ := calendar.ParseMonth(id[4:8] + "-" + id[8:10])
		town := "T1"
		if len(id) > 15 {
			town = "T2"
		}
		d.Hazards = append(d.Hazards, &model.Hazard{ID: id, Enterprise: "E01", Month: m, Town: town,
			Severity: "一般", Type: "X", OnsiteAction: "书面告知限期整改", DueDate: m.Add(1).First().AddDays(9)})
	}
	for id, st := range rows {
		d.Rects[id] = &model.Rectification{HazardID: id, Status: st}
	}
	for _, f := range files {
		d.Files = append(d.Files, model.File{Path: f})
	}
	return d
}

// joint marks the rectification rows of ids 移交联合整治 = 是.
func joint(d *model.Dataset, ids ...string) *model.Dataset {
	for _, id := range ids {
		d.Rects[id].Joint = true
	}
	return d
}

func TestCompare(t *testing.T) {
	r := calendar.Month{Year: 2026, Month: 11}
	asOf := time.Date(2026, 11, 30, 23, 59, 59, 0, calendar.Shanghai)
	early := time.Date(2026, 11, 5, 12, 0, 0, 0, calendar.Shanghai)
	base := []string{"E01-202609-0001", "E01-202609-0002", "E01-202610-0001"}
	e01 := layout.HazardPath(calendar.Month{Year: 2026, Month: 10}, "E01")
	got := map[string]time.Time{e01: time.Date(2026, 11, 20, 9, 0, 0, 0, calendar.Shanghai)}
	tests := []struct {
		name string
		a, b Input
		want Changes
	}{
		{"same input", Input{changesData(base, nil), nil, asOf}, Input{changesData(base, nil), nil, asOf}, Changes{AsOfA: asOf, AsOfB: asOf}},
		{"hazard of a month after R-1 is out of scope",
			Input{changesData(base, nil), nil, asOf},
			Input{changesData(append(base, "E01-202611-0001"), nil), nil, asOf}, Changes{AsOfA: asOf, AsOfB: asOf}},
		{"hazard added in R-1",
			Input{changesData(base, nil), nil, asOf},
			Input{changesData(append(base, "E01-202610-0002"), nil), nil, asOf},
			Changes{AsOfA: asOf, AsOfB: asOf, Added: []string{"E01-202610-0002"}, Figures: []FigureChange{
				{Key: "new_hazards.total", Label: "新发现隐患", From: 1, To: 2},
				{Key: "open.total", Label: "未闭环", From: 3, To: 4},
				{Key: "open.overdue", Label: "用户逾期未整改", From: 3, To: 4},
				{Key: "open.by_town.open", Label: "未闭环", Town: "T1", From: 3, To: 4},
				{Key: "open.by_town.overdue", Label: "用户逾期未整改", Town: "T1", From: 3, To: 4},
			}}},
		{"hazard removed, another moved town",
			Input{changesData(base, nil), nil, asOf},
			Input{changesData([]string{"E01-202609-0001", "E01-202610-0001-t2"}, nil), nil, asOf},
			Changes{AsOfA: asOf, AsOfB: asOf, Added: []string{"E01-202610-0001-t2"}, Removed: []string{"E01-202609-0002", "E01-202610-0001"}, Figures: []FigureChange{
				{Key: "rectification.total", Label: "整改批次隐患数", From: 2, To: 1},
				{Key: "rectification.unreported", Label: "未报送", From: 2, To: 1},
				{Key: "open.total", Label: "未闭环", From: 3, To: 2},
				{Key: "open.overdue", Label: "用户逾期未整改", From: 3, To: 2},
				{Key: "open.by_town.open", Label: "未闭环", Town: "T1", From: 3, To: 1},
				{Key: "open.by_town.overdue", Label: "用户逾期未整改", Town: "T1", From: 3, To: 1},
				{Key: "open.by_town.open", Label: "未闭环", Town: "T2", From: 0, To: 1},
				{Key: "open.by_town.overdue", Label: "用户逾期未整改", Town: "T2", From: 0, To: 1},
			}}},
		{"town reports a rectification",
			Input{changesData(base, map[string]string{"E01-202609-0001": "整改中"}), nil, asOf},
			Input{changesData(base, map[string]string{"E01-202609-0001": "已整改"}), nil, asOf},
			Changes{AsOfA: asOf, AsOfB: asOf, Status: []StatusChange{{ID: "E01-202609-0001", Town: "T1", From: InProgress, To: Rectified}}, Figures: []FigureChange{
				{Key: "rectification.rectified", Label: "已整改", From: 0, To: 1},
				{Key: "rectification.in_progress", Label: "整改中", From: 1, To: 0},
				{Key: "rectification.closure_rate", Label: "闭环率", From: 0, To: 0.5, Rate: true},
				{Key: "open.total", Label: "未闭环", From: 3, To: 2},
				{Key: "open.overdue", Label: "用户逾期未整改", From: 3, To: 2},
				{Key: "open.by_town.open", Label: "未闭环", Town: "T1", From: 3, To: 2},
				{Key: "open.by_town.overdue", Label: "用户逾期未整改", Town: "T1", From: 3, To: 2},
				{Key: "rectification.by_town.closure_rate", Label: "闭环率", Town: "T1", From: 0, To: 0.5, Rate: true},
			}}},
		{"town sends a hazard to joint enforcement: the district line has its town's line",
			Input{changesData(base, map[string]string{"E01-202609-0001": "未整改"}), nil, asOf},
			Input{joint(changesData(base, map[string]string{"E01-202609-0001": "未整改"}), "E01-202609-0001"), nil, asOf},
			Changes{AsOfA: asOf, AsOfB: asOf, Figures: []FigureChange{
				{Key: "open.escalated", Label: "移交联合整治", From: 0, To: 1},
				{Key: "open.by_town.escalated", Label: "移交联合整治", Town: "T1", From: 0, To: 1},
			}}},
		{"later as_of: time moved; the town's deadline passes (pending → unreported), overdue and submission status move",
			Input{changesData(base, nil), ReceiptMap{}, early},
			Input{changesData(base, nil, e01), ReceiptMap(got), asOf},
			Changes{AsOfA: early, AsOfB: asOf, Status: []StatusChange{
				{ID: "E01-202609-0001", Town: "T1", From: NotYetDue, To: Unreported},
				{ID: "E01-202609-0002", Town: "T1", From: NotYetDue, To: Unreported},
			}, Figures: []FigureChange{
				{Key: "rectification.pending", Label: "待报送（未到期）", From: 2, To: 0},
				{Key: "rectification.unreported", Label: "未报送", From: 0, To: 2},
				{Key: "open.overdue", Label: "用户逾期未整改", From: 2, To: 3}, // the 2026-10 hazards fall due on 11-10
				{Key: "open.by_town.overdue", Label: "用户逾期未整改", Town: "T1", From: 2, To: 3},
			}, Submissions: []SubmissionChange{
				{Form: "hazards", Month: "2026-10", Submitter: "E01", From: Pending, To: OnTime},
				{Form: "rectifications", Month: "2026-09", Submitter: "T1", From: Pending, To: Missing},
			}}},
	}
	for _, tt := range tests {
		for _, in := range []Input{tt.a, tt.b} { // Timeline.Side is NewSide
			rep := MonthlyReport(in.Data, in.Receipts, r, in.AsOf, "")
			if got, want := NewTimeline(Known(in.Data, in.Receipts, in.AsOf), in.Receipts).Side(r, in.AsOf, rep), NewSide(r, in, rep); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: Timeline.Side\n got %+v\nwant %+v", tt.name, got, want)
			}
		}
		c := Compare(r, tt.a, tt.b)
		if !reflect.DeepEqual(c, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, c, tt.want)
		}
		if c.TimeMoved() != !tt.a.AsOf.Equal(tt.b.AsOf) {
			t.Errorf("%s: TimeMoved() = %v", tt.name, c.TimeMoved())
		}
		if c.Empty() != tt.want.Empty() {
			t.Errorf("%s: Empty() = %v", tt.name, c.Empty())
		}
	}
}

// TestSideRepeatedIDs: Timeline.Side, which walks the hazards in id order
// once worked out, is NewSide when ids repeat and the data is not in id
// order: a repeated id is listed once with its last hazard inspected up to
// R-1 (here the later T2 row of E01-202609-0001; the 2026-11 row of
// E01-202610-0001 is after R-1, so its T1 row stays).
func TestSideRepeatedIDs(t *testing.T) {
	r := calendar.Month{Year: 2026, Month: 11}
	asOf := time.Date(2026, 11, 30, 23, 59, 59, 0, calendar.Shanghai)
	d := changesData([]string{"E01-202610-0001", "E01-202609-0002", "E01-202609-0001"}, nil)
	again := *d.Hazards[2]
	again.Town = "T2"
	late := *d.Hazards[0]
	late.Month, late.Town = r, "T2"
	d.Hazards = append(d.Hazards, &again, &late)
	in := Input{d, nil, asOf}
	rep := MonthlyReport(in.Data, in.Receipts, r, in.AsOf, "")
	tl := NewTimeline(Known(in.Data, in.Receipts, in.AsOf), in.Receipts)
	for range 2 { // the id order is worked out on the first side and kept
		got := tl.Side(r, in.AsOf, rep)
		if want := NewSide(r, in, rep); !reflect.DeepEqual(got, want) {
			t.Errorf("Timeline.Side\n got %+v\nwant %+v", got, want)
		}
		if ids, towns := []string{"E01-202609-0001", "E01-202609-0002", "E01-202610-0001"}, []string{"T2", "T1", "T1"}; !reflect.DeepEqual(got.IDs, ids) || !reflect.DeepEqual(got.Towns, towns) {
			t.Errorf("Timeline.Side: ids %v towns %v, want %v %v", got.IDs, got.Towns, ids, towns)
		}
	}
}
