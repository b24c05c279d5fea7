package loop

import (
	"os"
	"testing"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/validate"
)

// TestTimelineStateIsEvaluate checks that the precomputed states of a
// Timeline are Evaluate's (and flags Evaluate's without the days late),
// for every hazard of the sample and of the generated report/2 data, at
// the instants where a state can change: the last second of each day of
// the period and the second after it.
func TestTimelineStateIsEvaluate(t *testing.T) {
	for _, root := range []string{"../..", "testdata/oracle2/gen"} {
		res, err := validate.Repository(os.DirFS(root), nil)
		if err != nil {
			t.Fatal(err)
		}
		d := res.Data
		tl := NewTimeline(d, nil)
		if len(d.Hazards) == 0 {
			t.Fatalf("%s: no hazards", root)
		}
		first := d.Hazards[0].Month
		for _, h := range d.Hazards {
			if h.Month.Compare(first) < 0 {
				first = h.Month
			}
		}
		start := first.First()
		var instants []time.Time
		for day := 0; day < 240; day++ {
			e := start.AddDays(day).EndOfDay()
			instants = append(instants, e, e.Add(time.Second))
		}
		n := 0
		for _, at := range instants {
			ai := At(at)
			for i, h := range d.Hazards {
				got, want := tl.State(i, ai), Evaluate(h, d.Rects[h.ID], tl.Received(h), at)
				if got != want {
					t.Fatalf("%s: %s at %s: timeline %+v, Evaluate %+v", root, h.ID, calendar.FormatTime(at), got, want)
				}
				if s := tl.StateOf(h, ai); s != want {
					t.Fatalf("%s: %s at %s: StateOf %+v, Evaluate %+v", root, h.ID, calendar.FormatTime(at), s, want)
				}
				noDays := want
				noDays.DaysLate, noDays.TownDaysLate = 0, 0
				if f := tl.flags(i, ai); f != noDays {
					t.Fatalf("%s: %s at %s: flags %+v, Evaluate without the days %+v", root, h.ID, calendar.FormatTime(at), f, noDays)
				}
				n++
			}
		}
		t.Logf("%s: %d hazards, %d states compared", root, len(d.Hazards), n)
	}
}
