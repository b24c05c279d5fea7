package render

import (
	"fmt"
	"html/template"
	"strconv"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// 企业记分卡 (issue 13; 第3条(二): 违规经营与配送补贴挂钩): per enterprise and
// report month, report.json's "scorecard" as a sortable page
// (reports/R/scorecard.html; the latest whose 排查表 were due also at
// enterprises/scorecard.html)
// and a workbook the 区建管委 can attach to a subsidy decision
// (reports/R/scorecard.xlsx), every figure with the files and hazard ids
// it comes from. Resubmissions come from the git history and are on the
// page and in the workbook only (report.json is a function of the data).

// scorecardPage is the data of scorecard.html.
type scorecardPage struct {
	Period, Month, District string
	ReportHref              string // from the site root
	XLSXHref                string // from the site root
	Rows                    []scoreRow
	Months                  []countRow // every month's scorecard (Name = 排查表 month, Href from the root)
	HasHistory              bool
	// UpdateLines: receipts.csv has update lines (model.Dataset.UpdateReceipts;
	// review round 3, G16), which the note on 逾期补报行数 then explains.
	UpdateLines bool
}

// scoreRow is one enterprise's line with its sources.
type scoreRow struct {
	ID, Name, Href string
	loop.EnterpriseScore
	HazardsLabel, InspectionsLabel   string
	HazardsBad, InspectionsBad       bool
	Revisions                        int    // changes of its 排查表 after the first version (git)
	LateRows                         int    // rows later versions added after the 排查表's deadline (git): 逾期补报
	LateCommits                      string // the commits that added them, "abc1234（2026-12-01）、…"
	HazardsAnchor, InspectionsAnchor string // "" when the file is not in (no entry on the files page)
	ProhibitedLinks, StopSupplyLinks []idLink
	// the sortable number cells: a figure that needs a file not received
	// says 无数据 and sorts last both ways (review, item 2)
	Days, RowsC, RevC, LateC, WarnRow, HazardsC, HouseholdsC, InspectedC, Rate, RateVs, OnsitePct, StopC, ProhibC scoreCell
}

// scoreCell is one number cell of the scorecard: its text and its sort
// key, or none (data-missing: sorted last whichever way).
type scoreCell struct {
	Text  string
	Value string
	None  bool
}

// Attr is the cell's sort attribute.
func (c scoreCell) Attr() template.HTMLAttr {
	if c.None {
		return `data-missing=""`
	}
	return template.HTMLAttr(`data-value="` + template.HTMLEscapeString(c.Value) + `"`)
}

// noData is the text of a figure whose file is not received.
const noData = "无数据"

// intCell is an int figure; nil says why it is missing (file not received:
// 无数据, else —).
func intCell(n *int, received bool) scoreCell {
	if n == nil {
		return missingCell(received)
	}
	return scoreCell{Text: strconv.Itoa(*n), Value: strconv.Itoa(*n)}
}

// floatCell is a ratio shown by format.
func floatCell(f *float64, received bool, format func(float64) string) scoreCell {
	if f == nil {
		return missingCell(received)
	}
	return scoreCell{Text: format(*f), Value: strconv.FormatFloat(*f, 'f', -1, 64)}
}

func missingCell(received bool) scoreCell {
	if received {
		return scoreCell{Text: "—", None: true}
	}
	return scoreCell{Text: noData, None: true}
}

func pctText(f float64) string { return percent(f, 1) }
func twoDec(f float64) string  { return strconv.FormatFloat(f, 'f', 2, 64) }

// daysCell is 逾期天数: for a missing 排查表 the days up to the build's
// as_of, saying so.
func daysCell(x loop.EnterpriseScore) scoreCell {
	c := scoreCell{Text: strconv.Itoa(x.DaysLate), Value: strconv.Itoa(x.DaysLate)}
	if x.HazardsStatus == loop.Missing && x.DaysLateUntil != nil {
		c.Text += "（" + daysUntil(x) + "）"
	}
	return c
}

// idLink is a hazard id with its page (from the site root; "" when it has
// none).
type idLink struct{ ID, Href string }

func (s *site) scorecardPage(i int) scorecardPage {
	r := s.reports[i]
	sc := r.Scorecard
	p := scorecardPage{Period: r.Period, Month: sc.Month, District: percent(sc.DistrictHazardRate, r.Inspections.Inspected),
		ReportHref: reportHref(r.Period), XLSXHref: scorecardHref(sc.Month, "xlsx"), HasHistory: s.opt.History != nil, UpdateLines: len(s.d.UpdateReceipts) > 0}
	for _, x := range s.reports {
		p.Months = append(p.Months, countRow{Name: x.Scorecard.Month, Href: scorecardHref(x.Scorecard.Month, "html")})
	}
	for _, e := range s.d.Ref.Enterprises {
		x, ok := sc.Enterprises[e.ID]
		if !ok {
			continue
		}
		hasH, hasI := x.HazardsStatus != loop.Pending && x.HazardsStatus != loop.Missing, x.InspectionsStatus != loop.Pending && x.InspectionsStatus != loop.Missing
		row := scoreRow{ID: e.ID, Name: e.Name, Href: enterpriseHref(e.ID), EnterpriseScore: x,
			HazardsLabel: loop.StatusLabel[x.HazardsStatus], InspectionsLabel: loop.StatusLabel[x.InspectionsStatus],
			HazardsBad:     x.HazardsStatus == loop.Late || x.HazardsStatus == loop.Missing,
			InspectionsBad: x.InspectionsStatus == loop.Late || x.InspectionsStatus == loop.Missing,
			Days:           daysCell(x), RowsC: intCell(x.Rows, hasH), HazardsC: intCell(x.Hazards, hasH), HouseholdsC: intCell(x.HazardHouseholds, hasH),
			InspectedC: intCell(x.Inspected, hasI), StopC: intCell(x.StopSupply, hasH), ProhibC: intCell(x.Prohibited, hasH),
			Rate: floatCell(x.HazardRate, hasH && hasI, pctText), RateVs: floatCell(x.RateVsDistrict, hasH && hasI, twoDec),
			WarnRow: floatCell(x.WarningsPerRow, hasH, twoDec), OnsitePct: floatCell(x.OnsiteShare, hasH, pctText)}
		if x.Rows != nil && *x.Rows == 0 {
			row.WarnRow = missingCell(true)
		}
		if x.Hazards != nil && *x.Hazards == 0 {
			row.OnsitePct = missingCell(true)
		}
		if s.d.HasFile(x.HazardsFile) {
			row.HazardsAnchor = fileAnchor(x.HazardsFile)
		}
		if s.d.HasFile(x.InspectionsFile) {
			row.InspectionsAnchor = fileAnchor(x.InspectionsFile)
		}
		if n := len(s.opt.History[x.HazardsFile]); n > 1 {
			row.Revisions = n - 1
		}
		if m, err := calendar.ParseMonth(sc.Month); err == nil {
			row.LateRows, row.LateCommits = lateRows(s.opt.History[x.HazardsFile], calendar.HazardDue(m), s.d.UpdateReceipts[x.HazardsFile])
		}
		row.RevC = intCell(&row.Revisions, true)
		if !hasH {
			row.RevC = missingCell(false)
		}
		row.LateC = intCell(&row.LateRows, true)
		if !hasH {
			row.LateC = missingCell(false)
		}
		for _, id := range x.ProhibitedIDs {
			row.ProhibitedLinks = append(row.ProhibitedLinks, idLink{id, s.hazardLinks[id]})
		}
		for _, id := range x.StopSupplyIDs {
			row.StopSupplyLinks = append(row.StopSupplyLinks, idLink{id, s.hazardLinks[id]})
		}
		p.Rows = append(p.Rows, row)
	}
	return p
}

// lateRows counts the rows that versions of a 排查表 after its first added
// once they reached the main line after due (逾期补报; the first version's
// rows are the file's receipt: on time or late as a whole), and names
// those commits. The time is the commit's on the first-parent chain (when
// the change reached the main line: a merge made after the deadline counts
// even if the pull request was opened before it), as for 修改次数 — unless
// receipts.csv has an update line naming the commit (updates: commit →
// the creation time of the pull request it merged, lpg receipt;
// model.Dataset.UpdateReceipts): then that time is judged, earlier or
// later (review round 3, G16: a pull request opened before the deadline
// is on time however late the merge; and, as the forge's line for a file
// wins over git, a committer date forged before the deadline and merged
// by fast-forward does not make its rows on time). The commits are named with their date on
// the main line.
func lateRows(revs []model.Revision, due time.Time, updates map[string]time.Time) (int, string) {
	n, commits := 0, ""
	for i, rv := range revs {
		when := rv.When
		if t, ok := updates[rv.Commit]; ok {
			when = t // the forge's record wins over the commit's own date, as for files (loop.Ledger)
		}
		if i == 0 || rv.Added == 0 || !when.After(due) {
			continue
		}
		n += rv.Added
		if commits != "" {
			commits += "、"
		}
		short := rv.Commit
		if len(short) > 7 {
			short = short[:7]
		}
		commits += fmt.Sprintf("%s（%s，%d 行）", short, calendar.DateOf(rv.When), rv.Added)
	}
	return n, commits
}

// scorecardHref is the scorecard page or workbook of 排查表 month m, from
// the site root.
func scorecardHref(m, ext string) string { return "enterprises/scorecard-" + m + "." + ext }

// renderScorecards writes every report month's scorecard page and
// workbook, and the latest page again as enterprises/scorecard.html.
func (s *site) renderScorecards() error {
	for i := range s.reports {
		p := s.scorecardPage(i)
		if err := s.emit(scorecardHref(p.Month, "html"), "scorecard.html", p.Month+" 企业记分卡", "enterprises", p); err != nil {
			return err
		}
		s.later(p.XLSXHref, func() ([]byte, error) { return scorecardXLSX(p) })
	}
	var latest scorecardPage
	if i := s.latestScorecard(); i >= 0 {
		latest = s.scorecardPage(i)
	}
	return s.emit("enterprises/scorecard.html", "scorecard.html", "企业记分卡", "enterprises", latest)
}

// latestScorecard is the last report whose scorecard has a submission that
// is no longer pending (the month's 排查表 were due), else the last report;
// -1 without reports.
func (s *site) latestScorecard() int {
	for i := len(s.reports) - 1; i >= 0; i-- {
		for _, x := range s.reports[i].Scorecard.Enterprises {
			if x.HazardsStatus != loop.Pending {
				return i
			}
		}
	}
	return len(s.reports) - 1
}

// scorecardXLSX is scorecard.xlsx: the scorecard and, per enterprise, where
// each figure comes from.
func scorecardXLSX(p scorecardPage) ([]byte, error) {
	main := sheet{Name: "记分卡", Head: []string{"企业编号", "企业", "排查表", "收到时间", "逾期天数", "逾期计至", "入户安检量表", "排查表行数", "校验警告", "警告/行",
		"排查表修改次数", "逾期补报行数", "隐患数", "隐患户数", "安检户数", "隐患率", "与全区之比", "当场整改", "当场整改占比", "停止供气", "违规配送"}}
	src := sheet{Name: "依据", Head: []string{"企业编号", "项目", "来源"}}
	for _, r := range p.Rows {
		recv := ""
		if r.HazardsReceivedAt != nil {
			recv = *r.HazardsReceivedAt
		}
		main.Rows = append(main.Rows, []any{r.ID, r.Name, r.HazardsLabel, recv, r.DaysLate, daysUntil(r.EnterpriseScore), r.InspectionsLabel, xlInt(r.EnterpriseScore.Rows), xlInt(r.Warnings),
			xlFloat(r.WarningsPerRow), xlRevisions(r), xlLate(r), xlInt(r.Hazards), xlInt(r.HazardHouseholds), xlInt(r.Inspected), xlPct(r.HazardRate), xlFloat(r.RateVsDistrict),
			xlInt(r.EnterpriseScore.Onsite), xlPct(r.OnsiteShare), xlInt(r.EnterpriseScore.StopSupply), xlInt(r.EnterpriseScore.Prohibited)})
		ids := func(l []idLink) string {
			out := ""
			for i, x := range l {
				if i > 0 {
					out += "、"
				}
				out += x.ID
			}
			return out
		}
		src.Rows = append(src.Rows,
			[]any{r.ID, "排查表（报送、行数、警告、隐患、当场整改、停止供气、违规配送）", r.HazardsFile},
			[]any{r.ID, "入户安检量表（安检户数、隐患率）", r.InspectionsFile},
			[]any{r.ID, "逾期补报（截止后向排查表新增行的提交，git 历史）", r.LateCommits},
			[]any{r.ID, "停止供气的隐患", ids(r.StopSupplyLinks)},
			[]any{r.ID, "违规配送的隐患（" + joinTypes() + "）", ids(r.ProhibitedLinks)})
	}
	src.Rows = append(src.Rows, []any{"", "全区隐患率", p.District + "（" + p.Month + "，月报 " + p.Period + " 的 report.json inspections.hazard_rate）"})
	return book([]sheet{main, src})
}

func joinTypes() string {
	out := ""
	for i, t := range loop.ProhibitedTypes {
		if i > 0 {
			out += "、"
		}
		out += t
	}
	return out
}

// xlInt, xlFloat and xlPct are a scorecard figure in the workbook: 无数据
// when null (the file it needs was not received).
func xlInt(n *int) any {
	if n == nil {
		return noData
	}
	return *n
}

func xlFloat(f *float64) any {
	if f == nil {
		return noData
	}
	return *f
}

func xlPct(f *float64) any {
	if f == nil {
		return noData
	}
	return pct(*f)
}

// daysUntil says up to when 逾期天数 runs: the receipt date of a late
// 排查表, the build's as_of for a missing one ("未收到，计至 2026-12-02"); ""
// otherwise.
func daysUntil(x loop.EnterpriseScore) string {
	if x.DaysLateUntil == nil {
		return ""
	}
	t, err := time.Parse(time.RFC3339, *x.DaysLateUntil)
	if err != nil {
		return ""
	}
	if x.HazardsStatus == loop.Missing {
		return "未收到，计至 " + formatTime(t)[:10]
	}
	return "收到 " + formatTime(t)[:10]
}

// xlRevisions is 排查表修改次数: 无数据 without the 排查表.
func xlRevisions(r scoreRow) any {
	if r.RevC.None {
		return noData
	}
	return r.Revisions
}

// xlLate is 逾期补报行数: 无数据 without the 排查表.
func xlLate(r scoreRow) any {
	if r.LateC.None {
		return noData
	}
	return r.LateRows
}
