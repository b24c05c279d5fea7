package loop

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
	"lpg/internal/reference"
)

// meetingData: two towns; 朱家角镇 (A) has a 重大 hazard closed after the
// previous meeting, one 街镇逾期 since August and a 重大 one found in
// October; 练塘镇 (B) has an escalated 2026-09 hazard and a 2026-08 one
// whose 排查表 arrived after the meeting.
func meetingData() (*model.Dataset, Receipts) {
	ref := &reference.Data{
		Towns: []reference.Town{{Code: "310118102", Name: "朱家角镇"}, {Code: "310118103", Name: "练塘镇"}},
		Villages: []reference.Village{{Code: "310118102001", Name: "A1", TownCode: "310118102"},
			{Code: "310118102002", Name: "A2", TownCode: "310118102"}, {Code: "310118103001", Name: "B1", TownCode: "310118103"}},
	}
	ref.Index()
	m := func(y, mo int) calendar.Month { return calendar.Month{Year: y, Month: time.Month(mo)} }
	hz := func(id, file string, month calendar.Month, town, village, sev string, insp, due calendar.Date) *model.Hazard {
		return &model.Hazard{ID: id, File: file, Month: month, Town: town, Village: village, Severity: sev,
			InspectionDate: insp, DueDate: due, OnsiteAction: "书面告知限期整改"}
	}
	A, B := "310118102", "310118103"
	d := &model.Dataset{Ref: ref, Rects: map[string]*model.Rectification{}}
	d.Hazards = []*model.Hazard{
		hz("E01-202606-0001", "data/hazards/2026-06/E01.csv", m(2026, 6), A, "310118102002", "一般", date(2026, 6, 5), date(2026, 6, 30)),
		hz("E01-202607-0001", "data/hazards/2026-07/E01.csv", m(2026, 7), A, "310118102001", "重大", date(2026, 7, 10), date(2026, 7, 20)),
		hz("E01-202610-0001", "data/hazards/2026-10/E01.csv", m(2026, 10), A, "310118102001", "重大", date(2026, 10, 8), date(2026, 11, 10)),
		hz("E01-202611-0001", "data/hazards/2026-11/E01.csv", m(2026, 11), A, "310118102001", "重大", date(2026, 11, 2), date(2026, 11, 3)),
		hz("E02-202608-0001", "data/hazards/2026-08/E02.csv", m(2026, 8), B, "310118103001", "一般", date(2026, 8, 20), date(2026, 8, 25)),
		hz("E01-202609-0001", "data/hazards/2026-09/E01.csv", m(2026, 9), B, "310118103001", "一般", date(2026, 9, 3), date(2026, 9, 10)),
	}
	d.Rects["E01-202607-0001"] = &model.Rectification{HazardID: "E01-202607-0001", Status: "已整改", RectifiedDate: date(2026, 10, 20)}
	d.Rects["E01-202610-0001"] = &model.Rectification{HazardID: "E01-202610-0001", Status: "整改中"}
	d.Rects["E02-202608-0001"] = &model.Rectification{HazardID: "E02-202608-0001", Status: "已整改", RectifiedDate: date(2026, 10, 1)}
	d.Rects["E01-202609-0001"] = &model.Rectification{HazardID: "E01-202609-0001", Status: "未整改", Joint: true}
	for _, h := range d.Hazards {
		d.Files = append(d.Files, model.File{Path: h.File, Form: model.FormHazards, Month: h.Month})
	}
	rec := ReceiptMap(map[string]time.Time{"data/hazards/2026-08/E02.csv": at("2026-09-25T10:00:00+08:00")})
	return d, rec
}

func TestMeetingPack(t *testing.T) {
	d, rec := meetingData()
	asOf := at("2026-11-29T12:00:00+08:00")
	towns := []string{"310118102", "310118103"}
	now := MonthlyReport(d, rec, calendar.Month{Year: 2026, Month: 11}, asOf, "")
	tests := []struct {
		name             string
		prev             calendar.Date
		n                int
		now, then        []FairTown // by town, reference order
		villages         [][]VillageFigures
		openVillages     []int
		major            [][]string
		previousPeriod   string
		avg, previousAvg float64
	}{
		{
			name: "previous meeting on 2026-09-18", prev: date(2026, 9, 18), n: 1,
			now: []FairTown{
				{Town: "310118102", Open: 2, Overdue: 2, TownOverdue: 1, DueRate: -1, Rank: 1},
				{Town: "310118103", Open: 1, Overdue: 1, Escalated: 1, CohortTotal: 1, Due: 1, DueRate: 0, Rank: 2},
			},
			// then: report 2026-09 at 2026-09-18 23:59:59, hazards ≤ 2026-08:
			// the July 重大 one was still open (closed 10-20), the 2026-08
			// 排查表 of 练塘镇 was not yet received.
			then: []FairTown{
				{Town: "310118102", Open: 2, Overdue: 2, TownOverdue: 1, CohortTotal: 1, Due: 1, DueRate: 0, Rank: 1},
				{Town: "310118103", DueRate: -1, Rank: 2},
			},
			villages: [][]VillageFigures{
				{{Village: "310118102002", Open: 1, Overdue: 1, TownOverdue: 1, Oldest: 177}},
				{{Village: "310118103001", Open: 1, Overdue: 1, Escalated: 1, Oldest: 87}},
			},
			openVillages:   []int{2, 1},
			major:          [][]string{{"E01-202610-0001"}, nil},
			previousPeriod: "2026-09", avg: 0, previousAvg: 0,
		},
		{
			name: "no previous meeting, every village", n: 0,
			now: []FairTown{
				{Town: "310118102", Open: 2, Overdue: 2, TownOverdue: 1, DueRate: -1, Rank: 1},
				{Town: "310118103", Open: 1, Overdue: 1, Escalated: 1, CohortTotal: 1, Due: 1, DueRate: 0, Rank: 2},
			},
			villages: [][]VillageFigures{
				{{Village: "310118102002", Open: 1, Overdue: 1, TownOverdue: 1, Oldest: 177}, {Village: "310118102001", Open: 1, Overdue: 1, Oldest: 52}},
				{{Village: "310118103001", Open: 1, Overdue: 1, Escalated: 1, Oldest: 87}},
			},
			openVillages: []int{2, 1},
			major:        [][]string{{"E01-202610-0001"}, nil},
			avg:          0, previousAvg: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MeetingPack(Known(d, rec, asOf), rec, now, towns, asOf, tt.prev, tt.n)
			if m.Period != "2026-11" || m.PreviousPeriod != tt.previousPeriod || m.Avg != tt.avg || m.PreviousAvg != tt.previousAvg {
				t.Errorf("period %s previous %s avg %v previous avg %v", m.Period, m.PreviousPeriod, m.Avg, m.PreviousAvg)
			}
			for i, mt := range m.Towns {
				if !reflect.DeepEqual(mt.Now, tt.now[i]) {
					t.Errorf("town %d now %+v, want %+v", i, mt.Now, tt.now[i])
				}
				switch {
				case tt.then == nil && mt.Then != nil:
					t.Errorf("town %d then %+v, want none", i, *mt.Then)
				case tt.then != nil && (mt.Then == nil || !reflect.DeepEqual(*mt.Then, tt.then[i])):
					t.Errorf("town %d then %+v, want %+v", i, mt.Then, tt.then[i])
				}
				if !reflect.DeepEqual(mt.Villages, tt.villages[i]) || mt.OpenVillages != tt.openVillages[i] {
					t.Errorf("town %d villages %+v (%d), want %+v (%d)", i, mt.Villages, mt.OpenVillages, tt.villages[i], tt.openVillages[i])
				}
				var ids []string
				for _, h := range mt.Major {
					ids = append(ids, h.ID)
				}
				if !reflect.DeepEqual(ids, tt.major[i]) {
					t.Errorf("town %d major %v, want %v", i, ids, tt.major[i])
				}
			}
		})
	}
}

// TestFairRanking: the order of the 月报's ranking.
func TestFairRanking(t *testing.T) {
	r := Report{
		Open: Open{ByTown: map[string]OpenTown{"a": {Open: 5, TownOverdue: 1}, "b": {Open: 3, Escalated: 2}, "c": {Open: 2, Escalated: 1}, "d": {}}},
		Rectification: Rectification{ByTown: map[string]Counts{
			"b": {Total: 4, Rectified: 2, Pending: 0, InProgress: 2},
			"c": {Total: 4, Rectified: 2, InProgress: 2},
			"d": {Total: 3, Pending: 3},
		}},
	}
	rows, avg := FairRanking(r, []string{"d", "c", "b", "a"})
	var order []string
	for _, f := range rows {
		order = append(order, f.Town)
	}
	// a: 街镇逾期 first; b and c both 50%, b has more 联合整治; d has nothing due.
	if !reflect.DeepEqual(order, []string{"a", "b", "c", "d"}) || avg != 0.5 {
		t.Errorf("order %v avg %v", order, avg)
	}
	if rows[3].DueRate != -1 || rows[3].Due != 0 || rows[3].Pending != 3 || rows[1].BelowAverage {
		t.Errorf("rows %+v", rows)
	}
}

// TestFairRankingNotDue (review, item 3): a town whose 汇总表 of the cohort
// is not yet due (and not received) has nothing due but the 当场整改
// default; that default is no rate to rank on or to colour: e was 100%
// (2 of 2 on-site) and the district 100% before. f received its 汇总表
// early: its rows count.
func TestFairRankingNotDue(t *testing.T) {
	r := Report{
		Rectification: Rectification{Month: "2026-10", ByTown: map[string]Counts{
			"e": {Total: 5, Rectified: 2, Pending: 3},
			"f": {Total: 4, Rectified: 1, InProgress: 1, Pending: 2},
		}},
		Submissions: []Submission{
			{Form: model.FormHazards, Month: "2026-11", Submitter: "E01", Status: Pending},
			{Form: model.FormRectifications, Month: "2026-10", Submitter: "e", Status: Pending},
			{Form: model.FormRectifications, Month: "2026-10", Submitter: "f", Status: OnTime},
		},
	}
	rows, avg := FairRanking(r, []string{"e", "f"})
	if avg != 0.5 || rows[0].Town != "f" || rows[0].DueRate != 0.5 || rows[0].NotDue || rows[0].BelowAverage {
		t.Errorf("f: %+v, avg %v; want first, 0.5, district 0.5", rows[0], avg)
	}
	if e := rows[1]; !e.NotDue || e.Due != 0 || e.Closed != 0 || e.DueRate != -1 || e.Pending != 3 || e.BelowAverage {
		t.Errorf("e: %+v; want NotDue, nothing due", e)
	}
	r.Submissions = r.Submissions[:2]
	r.Rectification.ByTown = map[string]Counts{"e": r.Rectification.ByTown["e"]}
	if _, avg := FairRanking(r, []string{"e"}); avg != -1 {
		t.Errorf("district rate %v with nothing due, want -1 (—)", avg)
	}
}
