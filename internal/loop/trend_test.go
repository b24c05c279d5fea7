package loop

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

func trendReports() []Report {
	mk := func(p string, nw, coh, closed, open, over, esc int, town string) Report {
		r := Report{Period: p}
		r.NewHazards = NewHazards{Total: nw + 1, ByTown: map[string]int{town: nw, "X": 1}}
		// the town's 街镇逾期 is over-1 (never below 0), its pending coh-closed;
		// the district adds one of each.
		tov := max(over-1, 0)
		c := Counts{Total: coh, Rectified: closed, Pending: coh - closed}
		r.Rectification = Rectification{Counts: Counts{Total: coh + 2, Rectified: closed + 1, Void: 1, Pending: coh - closed + 1}, ByTown: map[string]Counts{town: c}}
		r.Open = Open{Total: open + 3, Overdue: over, TownOverdue: tov + 1, Escalated: esc,
			ByTown: map[string]OpenTown{town: {Open: open, Overdue: over, TownOverdue: tov, Escalated: esc}}}
		r.Submissions = []Submission{
			{Form: model.FormHazards, Month: p, Submitter: "E01", Status: OnTime},
			{Form: model.FormRectifications, Month: p, Submitter: town, Status: Late},
			{Form: model.FormRectifications, Month: p, Submitter: "X", Status: Missing},
		}
		return r
	}
	reps := []Report{mk("2026-06", 5, 0, 0, 5, 0, 0, "T"), mk("2026-07", 7, 5, 3, 9, 1, 0, "T"), mk("2026-08", 2, 7, 7, 4, 2, 1, "T")}
	// the cohort's 汇总表: X's is 逾期未报 in every report; T's is late in
	// 2026-06, not yet due (Pending) in 2026-07 and 逾期未报 in 2026-08.
	for i := range reps {
		reps[i].Rectification.Month = reps[i].Period
		reps[i].Incomplete.Rectifications = []string{"X"}
	}
	reps[1].Submissions[1].Status = Pending
	reps[1].Incomplete.Rectifications = []string{"T", "X"}
	reps[2].Submissions[1].Status = Missing
	reps[2].Incomplete.Rectifications = []string{"T", "X"}
	return reps
}

// tp is a TrendPoint: Period, New, Cohort, Closed, Open, Overdue,
// TownOver, Pending, Escalated, Town and RectMissing.
func tp(p string, nw, coh, cl, op, ov, tov, pend, esc int, town string, miss ...string) TrendPoint {
	return TrendPoint{Period: p, New: nw, Cohort: coh, Closed: cl, Open: op, Overdue: ov, TownOver: tov,
		Pending: pend, Escalated: esc, Town: town, RectMissing: miss}
}

func TestTrend(t *testing.T) {
	reps := trendReports()
	tests := []struct {
		name, town string
		n          int
		want       []TrendPoint
	}{
		{"district all", "", 0, []TrendPoint{
			tp("2026-06", 6, 2, 2, 8, 0, 1, 1, 0, "", "X"), tp("2026-07", 8, 7, 5, 12, 1, 1, 3, 0, "", "X"), tp("2026-08", 3, 9, 9, 7, 2, 2, 1, 1, "", "T", "X")}},
		{"district last 2", "", 2, []TrendPoint{tp("2026-07", 8, 7, 5, 12, 1, 1, 3, 0, "", "X"), tp("2026-08", 3, 9, 9, 7, 2, 2, 1, 1, "", "T", "X")}},
		{"town", "T", 12, []TrendPoint{
			tp("2026-06", 5, 0, 0, 5, 0, 0, 0, 0, "T"), tp("2026-07", 7, 5, 3, 9, 1, 0, 2, 0, "T"), tp("2026-08", 2, 7, 7, 4, 2, 1, 0, 1, "T", "T")}},
		{"town without hazards", "Y", 1, []TrendPoint{tp("2026-08", 0, 0, 0, 0, 0, 0, 0, 0, "Y")}},
		{"no reports", "", 12, []TrendPoint{}},
	}
	for _, tt := range tests {
		in := reps
		if tt.name == "no reports" {
			in = nil
		}
		if got := Trend(in, tt.town, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestNewNotDue(t *testing.T) {
	sub := func(form, month, status string) Submission {
		return Submission{Form: form, Month: month, Submitter: "E01", Status: status}
	}
	tests := []struct {
		name string
		subs []Submission
		want bool
	}{
		{"every 排查表 of R-1 pending", []Submission{sub(model.FormHazards, "2026-11", Pending), sub(model.FormHazards, "2026-11", Pending), sub(model.FormRectifications, "2026-10", Missing)}, true},
		{"one received on time", []Submission{sub(model.FormHazards, "2026-11", Pending), sub(model.FormHazards, "2026-11", OnTime)}, false},
		{"one missing after the deadline", []Submission{sub(model.FormHazards, "2026-11", Missing)}, false},
		{"a pending 排查表 of another month does not count", []Submission{sub(model.FormHazards, "2026-10", Pending)}, false},
		{"none expected", nil, false},
	}
	for _, tt := range tests {
		r := Report{NewHazards: NewHazards{Month: "2026-11"}, Submissions: tt.subs}
		if got := NewNotDue(r); got != tt.want {
			t.Errorf("%s: NewNotDue = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSubmissionsOfAndTally(t *testing.T) {
	reps := trendReports()
	tests := []struct {
		form, who string
		n         int
		periods   []string
		tally     map[string]int
	}{
		{model.FormRectifications, "T", 0, []string{"2026-06", "2026-07", "2026-08"}, map[string]int{OnTime: 0, Late: 1, Pending: 1, Missing: 1, Unknown: 0}},
		{model.FormRectifications, "X", 2, []string{"2026-07", "2026-08"}, map[string]int{OnTime: 0, Late: 0, Pending: 0, Missing: 2, Unknown: 0}},
		{model.FormHazards, "E01", 1, []string{"2026-08"}, map[string]int{OnTime: 1, Late: 0, Pending: 0, Missing: 0, Unknown: 0}},
		{model.FormHazards, "T", 0, nil, map[string]int{OnTime: 0, Late: 0, Pending: 0, Missing: 0, Unknown: 0}},
	}
	for _, tt := range tests {
		subs := SubmissionsOf(reps, tt.form, tt.who, tt.n)
		var periods []string
		for _, s := range subs {
			periods = append(periods, s.Month)
		}
		if !reflect.DeepEqual(periods, tt.periods) {
			t.Errorf("%s %s: months %v, want %v", tt.form, tt.who, periods, tt.periods)
		}
		if got := Tally(subs); !reflect.DeepEqual(got, tt.tally) {
			t.Errorf("%s %s: tally %v, want %v", tt.form, tt.who, got, tt.tally)
		}
	}
}

func TestCountByType(t *testing.T) {
	sep := calendar.Month{Year: 2026, Month: time.September}
	oct := sep.Add(1)
	d := &model.Dataset{Hazards: []*model.Hazard{
		{ID: "a", Type: "HOSE_AGED", Month: oct}, {ID: "b", Type: "HOSE_AGED", Month: sep},
		{ID: "c", Type: "HOSE_AGED", Month: oct}, {ID: "d", Type: "LOC_BASEMENT", Month: sep},
	}}
	total, byMonth := CountByType(d)
	if want := map[string]int{"HOSE_AGED": 3, "LOC_BASEMENT": 1}; !reflect.DeepEqual(total, want) {
		t.Errorf("total %v, want %v", total, want)
	}
	want := map[string][]TypeMonth{"HOSE_AGED": {{"2026-09", 1}, {"2026-10", 2}}, "LOC_BASEMENT": {{"2026-09", 1}}}
	if !reflect.DeepEqual(byMonth, want) {
		t.Errorf("by month %v, want %v", byMonth, want)
	}
	if total, byMonth := CountByType(&model.Dataset{}); len(total) != 0 || len(byMonth) != 0 {
		t.Error("empty dataset counted something")
	}
}

// TestCurrent: a file received after its report month shows, in a
// punctuality record evaluated later, as late with its receipt time.
func TestCurrent(t *testing.T) {
	d := &model.Dataset{Files: []model.File{{Path: "data/rectifications/2026-07/310118102.csv", Rows: 1, Filled: 1}}}
	rec := ReceiptMap{"data/rectifications/2026-07/310118102.csv": time.Date(2026, 10, 11, 23, 59, 0, 0, calendar.Shanghai)}
	frozen := Evaluate1(d, rec, model.FormRectifications, calendar.Month{Year: 2026, Month: 7}, "310118102", calendar.Month{Year: 2026, Month: 9}.End(), calendar.Month{Year: 2026, Month: 9}.End())
	if frozen.Status != Missing {
		t.Fatalf("at the end of 2026-09 the file was missing, got %s", frozen.Status)
	}
	now := Current(d, rec, []Submission{frozen}, time.Date(2026, 11, 29, 12, 0, 0, 0, calendar.Shanghai))
	if now[0].Status != Late || now[0].ReceivedAt == nil || *now[0].ReceivedAt != "2026-10-11T23:59:00+08:00" {
		t.Errorf("current = %+v", now[0])
	}
}

// TestNewMissing (review, item 3): a month whose 排查表 are none received
// and some past due has no new-hazard data (未收到), for the district and
// for a town with 0; a town's 0 while some files are missing is 未收到
// too, while they are all before their deadline 未到期; a town with
// hazards keeps its count.
func TestNewMissing(t *testing.T) {
	sub := func(who, status string) Submission {
		return Submission{Form: model.FormHazards, Month: "2026-11", Submitter: who, Status: status}
	}
	tests := []struct {
		name     string
		subs     []Submission
		incomp   []string
		byTown   map[string]int
		want     bool   // NewMissing
		missing  string // MissingNew
		town     [2]bool
		townWant int
	}{
		{"all missing", []Submission{sub("E01", Missing), sub("E02", Missing)}, []string{"E01", "E02"}, nil, true, "E01,E02", [2]bool{false, true}, 0},
		{"missing and pending, none received", []Submission{sub("E01", Missing), sub("E02", Pending)}, []string{"E01", "E02"}, nil, true, "E01", [2]bool{false, true}, 0},
		{"all pending: not due, not missing", []Submission{sub("E01", Pending), sub("E02", Pending)}, []string{"E01", "E02"}, nil, false, "", [2]bool{true, false}, 0},
		{"one received: the district has data; the town's 0 is 未收到", []Submission{sub("E01", OnTime), sub("E02", Missing)}, []string{"E02"}, map[string]int{"Y": 3}, false, "E02", [2]bool{false, true}, 0},
		{"one received, the other pending: the town's 0 is 未到期", []Submission{sub("E01", Late), sub("E02", Pending)}, []string{"E02"}, map[string]int{"Y": 3}, false, "", [2]bool{true, false}, 0},
		{"the town has hazards: its count stands", []Submission{sub("E01", OnTime), sub("E02", Missing)}, []string{"E02"}, map[string]int{"T": 2}, false, "E02", [2]bool{false, false}, 2},
		{"all received", []Submission{sub("E01", OnTime)}, nil, nil, false, "", [2]bool{false, false}, 0},
	}
	for _, tt := range tests {
		r := Report{Period: "2026-12", NewHazards: NewHazards{Month: "2026-11", ByTown: tt.byTown}, Submissions: tt.subs,
			Incomplete: Incomplete{Hazards: tt.incomp}}
		if got := NewMissing(r); got != tt.want {
			t.Errorf("%s: NewMissing = %v, want %v", tt.name, got, tt.want)
		}
		if got := strings.Join(NewFilesOf(r).Missing, ","); got != tt.missing {
			t.Errorf("%s: MissingNew = %q, want %q", tt.name, got, tt.missing)
		}
		p := Trend([]Report{r}, "T", 1)[0]
		if got := [2]bool{p.NewNotDue, p.NewMissing}; got != tt.town || p.New != tt.townWant {
			t.Errorf("%s: town point new %d, (NewNotDue, NewMissing) = %v; want %d, %v", tt.name, p.New, got, tt.townWant, tt.town)
		}
	}
}

// TestTrendCohortNoData: a report month whose cohort is empty only
// because the 排查表 of R-2 were not received (the previous report's new
// hazards are 未收到) has no cohort figures, also when the previous report
// is not among the points shown; a cohort with hazards, or after a month
// whose 排查表 arrived, is a figure.
func TestTrendCohortNoData(t *testing.T) {
	mk := func(period, newMonth, status string, newT, cohort int) Report {
		r := Report{Period: period, NewHazards: NewHazards{Month: newMonth, Total: newT, ByTown: map[string]int{}}}
		if newT > 0 {
			r.NewHazards.ByTown["T"] = newT
		}
		r.Rectification = Rectification{Counts: Counts{Total: cohort}, ByTown: map[string]Counts{}}
		if cohort > 0 {
			r.Rectification.ByTown["T"] = Counts{Total: cohort}
		}
		r.Submissions = []Submission{{Form: model.FormHazards, Month: newMonth, Submitter: "E01", Status: status}}
		if status == Missing || status == Pending {
			r.Incomplete.Hazards = []string{"E01"}
		}
		return r
	}
	tests := []struct {
		name string
		reps []Report
		town string
		n    int
		want []bool
	}{
		{"district: 排查表 of 2026-06 missing, cohort of 2026-08 empty", []Report{
			mk("2026-07", "2026-06", Missing, 0, 5), mk("2026-08", "2026-07", OnTime, 3, 0)}, "", 0, []bool{false, true}},
		{"the previous report not shown", []Report{
			mk("2026-07", "2026-06", Missing, 0, 5), mk("2026-08", "2026-07", OnTime, 3, 0)}, "", 1, []bool{true}},
		{"the file came late: the cohort has hazards", []Report{
			mk("2026-07", "2026-06", Missing, 0, 5), mk("2026-08", "2026-07", OnTime, 3, 4)}, "", 0, []bool{false, false}},
		{"received on time, cohort empty: a true 0", []Report{
			mk("2026-07", "2026-06", OnTime, 0, 5), mk("2026-08", "2026-07", OnTime, 3, 0)}, "", 0, []bool{false, false}},
		{"not yet due is not missing", []Report{
			mk("2026-07", "2026-06", Pending, 0, 5), mk("2026-08", "2026-07", OnTime, 3, 0)}, "", 0, []bool{false, false}},
		{"town: its 0 may be the missing file", []Report{
			mk("2026-07", "2026-06", Missing, 0, 5), mk("2026-08", "2026-07", OnTime, 3, 0)}, "T", 0, []bool{false, true}},
	}
	for _, tt := range tests {
		var got []bool
		for _, p := range Trend(tt.reps, tt.town, tt.n) {
			got = append(got, p.CohortNoData)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: CohortNoData %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestTrendNewIncomplete: a 新发现 figure counted from only some of the
// expected 排查表 names the enterprises whose files are 逾期未报 or not yet
// due beside it; a month with none received is 未收到 instead, with no
// list.
func TestTrendNewIncomplete(t *testing.T) {
	sub := func(id, status string) Submission {
		return Submission{Form: model.FormHazards, Month: "2026-10", Submitter: id, Status: status}
	}
	tests := []struct {
		name          string
		subs          []Submission
		late, pending []string
		missing       bool
	}{
		{"all received", []Submission{sub("E01", OnTime), sub("E02", Late)}, nil, nil, false},
		{"one late, one not yet due", []Submission{sub("E01", OnTime), sub("E02", Missing), sub("E03", Pending)}, []string{"E02"}, []string{"E03"}, false},
		{"none received", []Submission{sub("E01", Missing), sub("E02", Missing)}, nil, nil, true},
	}
	for _, tt := range tests {
		r := Report{Period: "2026-11", NewHazards: NewHazards{Month: "2026-10", Total: 5}, Submissions: tt.subs}
		p := Trend([]Report{r}, "", 0)[0]
		if !reflect.DeepEqual(p.NewLate, tt.late) || !reflect.DeepEqual(p.NewPending, tt.pending) || p.NewMissing != tt.missing {
			t.Errorf("%s: late %v pending %v missing %v; want %v %v %v", tt.name, p.NewLate, p.NewPending, p.NewMissing, tt.late, tt.pending, tt.missing)
		}
	}
}
