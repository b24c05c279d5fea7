package loop

import (
	"sort"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/layout"
	"lpg/internal/model"
)

// ProhibitedTypes are the hazard types that mean bottled LPG was being
// delivered where the policy forbids it — high-rise and elevator
// buildings, areas and restaurants already on piped gas, single-room
// rentals, basements — counted on the scorecard as 违规配送 (issue 13;
// README “企业记分卡”).
var ProhibitedTypes = []string{"LOC_HIGHRISE", "LOC_ELEVATOR", "LOC_PIPED_AREA", "REST_AFTER_PIPE", "RENTAL_SINGLE_ROOM", "LOC_BASEMENT"}

// Scorecard is report.json's "scorecard" (issue 13, an lpg-report/2
// extension; 第3条(二): 违规经营与配送补贴挂钩): one line per enterprise
// active in R-1, every figure from its 排查表 and 入户安检量表 of R-1, whose
// paths it names.
type Scorecard struct {
	Month              string                     `json:"month"`
	DistrictHazardRate float64                    `json:"district_hazard_rate"` // inspections.hazard_rate
	Enterprises        map[string]EnterpriseScore `json:"enterprises"`
}

// EnterpriseScore is one enterprise's line of the scorecard. A figure that
// needs a file not received at as_of (pending or missing) is null, never 0:
// an enterprise that did not submit has no figures, not good ones (review,
// item 2). The figures of the 排查表 need that file, inspected needs the
// 入户安检量表, hazard_rate and rate_vs_district need both.
type EnterpriseScore struct {
	HazardsFile       string  `json:"hazards_file"`
	HazardsStatus     string  `json:"hazards_status"` // on_time, late, pending, missing, unknown
	HazardsReceivedAt *string `json:"hazards_received_at"`
	// DaysLate counts calendar days from the due date to the receipt date
	// when late, and to the date of the build's as_of when missing (still
	// running, counted up to everything known: a file received late is
	// received by as_of, so a file never received always scores at least as
	// many days as any file received late, even when as_of is after the end
	// of R); DaysLateUntil is that receipt time or the build's as_of (null
	// when not late). Review, scorecard item 2.
	DaysLate          int      `json:"days_late"`
	DaysLateUntil     *string  `json:"days_late_until"`
	InspectionsFile   string   `json:"inspections_file"`
	InspectionsStatus string   `json:"inspections_status"`
	Rows              *int     `json:"rows"`     // rows of its 排查表
	Warnings          *int     `json:"warnings"` // warnings of validation on its 排查表
	WarningsPerRow    *float64 `json:"warnings_per_row"`
	Hazards           *int     `json:"hazards"`
	HazardHouseholds  *int     `json:"hazard_households"`
	Inspected         *int     `json:"inspected"`   // null without its 入户安检量表
	HazardRate        *float64 `json:"hazard_rate"` // null without its 排查表 or 入户安检量表, or with 0 inspected
	// RateVsDistrict is hazard_rate ÷ district_hazard_rate (4 decimals; null
	// when either is unknown or 0): above 1, the enterprise finds more
	// hazards per household inspected than the district.
	RateVsDistrict *float64 `json:"rate_vs_district"`
	Onsite         *int     `json:"onsite"` // 现场处置 当场整改
	OnsiteShare    *float64 `json:"onsite_share"`
	StopSupply     *int     `json:"stop_supply"` // 现场处置 停止供气
	Prohibited     *int     `json:"prohibited"`  // hazards of ProhibitedTypes
	ProhibitedIDs  []string `json:"prohibited_ids"`
	StopSupplyIDs  []string `json:"stop_supply_ids"` // both lists null without the 排查表
}

// InData reports whether a submission's file is in the data of the
// report: received by as_of, or in the tree with no known receipt time.
func (s Submission) InData() bool { return s.Status != Pending && s.Status != Missing }

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }

// scorecard computes "scorecard" of report r from the timeline's dataset
// (Known), its coverage c, the households of R-1, at = as_of_R and the
// build's asOf.
func (tl *Timeline) scorecard(rec Receipts, r calendar.Month, c Inspections, hhs []Household, at, asOf time.Time) Scorecard {
	d := tl.d
	m := r.Add(-1)
	sc := Scorecard{Month: m.String(), DistrictHazardRate: c.HazardRate, Enterprises: map[string]EnterpriseScore{}}
	prohibited := map[string]bool{}
	for _, t := range ProhibitedTypes {
		prohibited[t] = true
	}
	households := map[string]int{} // found with hazards in m, whether or not counted in coverage
	for _, hh := range hhs {
		households[hh.Enterprise]++
	}
	files := map[string]model.File{}
	for _, f := range d.Files {
		files[f.Path] = f
	}
	for _, e := range d.Ref.Enterprises {
		if !e.ActiveIn(m) {
			continue
		}
		hs := Evaluate1(d, rec, model.FormHazards, m, e.ID, at, asOf)
		is := Evaluate1(d, rec, model.FormInspections, m, e.ID, at, asOf)
		x := EnterpriseScore{HazardsFile: hs.Path, HazardsStatus: hs.Status, HazardsReceivedAt: hs.ReceivedAt,
			InspectionsFile: layout.InspectionPath(m, e.ID), InspectionsStatus: is.Status}
		switch {
		case hs.Status == Late && hs.Received != nil:
			x.DaysLate = calendar.DaysBetween(calendar.DateOf(hs.DueTime), calendar.DateOf(*hs.Received))
			x.DaysLateUntil = hs.ReceivedAt
		case hs.Status == Missing:
			x.DaysLate = calendar.DaysBetween(calendar.DateOf(hs.DueTime), calendar.DateOf(asOf))
			v := calendar.FormatTime(asOf)
			x.DaysLateUntil = &v
		}
		hasHazards, hasInspections := hs.InData(), is.InData()
		if hasInspections {
			x.Inspected = intp(c.ByEnterprise[e.ID].Inspected)
		}
		if !hasHazards {
			sc.Enterprises[e.ID] = x
			continue
		}
		var rows, warnings, hazards, onsite, stop, prohib int
		if f, ok := files[hs.Path]; ok {
			rows, warnings = f.Rows, f.Warnings
		}
		x.ProhibitedIDs, x.StopSupplyIDs = []string{}, []string{}
		for _, i := range tl.Month(m) {
			h := d.Hazards[i]
			if h.Enterprise != e.ID {
				continue
			}
			hazards++
			switch h.OnsiteAction {
			case "当场整改":
				onsite++
			case "停止供气":
				stop++
				x.StopSupplyIDs = append(x.StopSupplyIDs, h.ID)
			}
			if prohibited[h.Type] {
				prohib++
				x.ProhibitedIDs = append(x.ProhibitedIDs, h.ID)
			}
		}
		x.Rows, x.Warnings, x.WarningsPerRow = intp(rows), intp(warnings), floatp(ClosureRate(warnings, rows))
		x.Hazards, x.Onsite, x.OnsiteShare = intp(hazards), intp(onsite), floatp(ClosureRate(onsite, hazards))
		x.StopSupply, x.Prohibited = intp(stop), intp(prohib)
		x.HazardHouseholds = intp(households[e.ID])
		if cv := c.ByEnterprise[e.ID]; hasInspections && cv.Inspected > 0 {
			x.HazardRate = floatp(cv.HazardRate)
			if c.HazardHouseholds > 0 {
				x.RateVsDistrict = floatp(ClosureRate(cv.HazardHouseholds*c.Inspected, cv.Inspected*c.HazardHouseholds))
			}
		}
		sort.Strings(x.ProhibitedIDs)
		sort.Strings(x.StopSupplyIDs)
		sc.Enterprises[e.ID] = x
	}
	return sc
}
