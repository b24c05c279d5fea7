package render

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// The monthly report as the departments read it (issue 9): the formal
// wrapper from data/report.md, what needs action now (需督办) before the
// statistics, completeness stated beside every figure it affects, the two
// kinds of lateness under their own names, and towns ranked only by what
// was in their hands.

// monthCN formats a month as officials write it: 2026年11月.
func monthCN(m calendar.Month) string { return fmt.Sprintf("%d年%d月", m.Year, int(m.Month)) }

// dateCN formats the civil date of t in Asia/Shanghai: 2026年11月29日.
func dateCN(t time.Time) string {
	d := calendar.DateOf(t)
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// timeCN formats t in Asia/Shanghai: 2026年11月29日 12:00.
func timeCN(t time.Time) string { return dateCN(t) + " " + t.In(calendar.Shanghai).Format("15:04") }

// formalHead is the document wrapper of a report page.
type formalHead struct {
	Title, Issuer  string
	IssueNo        string // 第6期, "" when no numbering is configured
	PeriodCN, AsOf string // 2026年11月; 2026年11月30日 23:59
	Published      string // edition: its publication date; draft: ""
	Edition        string // v1 on an edition's page
	Draft          bool   // the live page: not a published edition
	SendTo, CopyTo string // joined with 、… as printed: 区建设和管理委员会；…
	Commit         string // the data version, for the small note at the end
}

func (s *site) formalHead(i int) formalHead {
	m := s.months[i]
	c := s.masthead
	h := formalHead{Title: c.Title, Issuer: c.Issuer, PeriodCN: monthCN(m), AsOf: timeCN(loop.AsOfFor(m, s.opt.AsOf)),
		Draft: true, SendTo: strings.Join(c.SendTo, "；"), CopyTo: strings.Join(c.CopyTo, "；"), Commit: s.dataVersion()}
	if n, ok := c.Issue(m); ok {
		h.IssueNo = fmt.Sprintf("第%d期", n)
	}
	return h
}

// actionList is one list of the 需督办 block: at most actionCap rows, the
// total and where the full list is.
type actionList struct {
	Title, Note string
	Rows        []listRow
	Total       int
	More        int    // Total - len(Rows)
	FullHref    string // anchor or page with the full list
	FullLabel   string
	PrintCap    bool // in print only the first printCap rows (every 重大 hazard prints)
}

// printCap is how many rows of the other 需督办 lists print, to keep the
// printed 月报 short; the screen shows actionCap.
const printCap = 5

// actionCap is how many rows each 需督办 list shows; the rest are a link away.
const actionCap = 10

// needAction is the 需督办 block: open 重大 hazards, 拒不整改, 联合整治 and
// the longest 用户逾期未整改, each longest-first.
type needAction struct {
	Lists []actionList
	Empty bool
}

func capList(rows []listRow, n int) ([]listRow, int) {
	if len(rows) > n {
		return rows[:n], len(rows) - n
	}
	return rows, 0
}

// sortByAge puts the hazards open longest first (days since found), then id.
func sortByAge(rows []listRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].Age != rows[j].Age {
			return rows[i].Age > rows[j].Age
		}
		return rows[i].ID < rows[j].ID
	})
}

// needAction builds the 需督办 block of report i. reportDir is the link
// prefix of the report page's own lists ("" on the report page itself).
func (s *site) needAction(i int, reportDir string) needAction {
	at := loop.AsOfFor(s.months[i], s.opt.AsOf)
	var na needAction
	ml := s.lists(i)
	add := func(title, note string, rows []listRow, total int, href, label string) {
		l := actionList{Title: title, Note: note, Total: total, FullHref: href, FullLabel: label}
		limit := actionCap
		if title == "未闭环的重大隐患" {
			limit = s.rowCap() // every open 重大 hazard is named (issue 9)
		} else {
			l.PrintCap = total > printCap
		}
		l.Rows, l.More = capList(rows, limit)
		l.More += total - len(rows)
		na.Lists = append(na.Lists, l)
	}
	list := func(title, note string, hs []int32, href, label string) {
		limit := actionCap
		if title == "未闭环的重大隐患" {
			limit = s.rowCap()
		}
		rows, _ := s.rowsOf(ml, hs, limit)
		add(title, note, rows, len(hs), href, label)
	}
	list("未闭环的重大隐患", "隐患等级为重大、截至统计时间尚未闭环，按发现时间排序（最久的在前）。", ml.major,
		reportDir+"report.xlsx", "各街镇页面")
	list("拒不整改", "街镇汇总表报为拒不整改的隐患。", ml.refused, reportDir+"#open", "三、未闭环与逾期隐患")
	list("移交联合整治", "依据第3条：逾期不整改的，进行联合整治。", ml.escalated, reportDir+"#joint", "四、移交联合整治")
	list("用户逾期未整改", "住户的整改期限已过仍未整改，按逾期天数排序，最久的在前。", ml.overdue, reportDir+"#overdue", "三、用户逾期未整改清单")
	chronic := s.chronicOpen(i, at) // issue 13: issue13.go
	add("重复隐患户", "同一户在前一条隐患未闭环时或闭环后 12 个月内又被查出隐患（第3条(一)(三) 联合整治的重点）；每户列最近一条未闭环的隐患。", chronic, len(chronic), reportDir+"#repeats", "重复隐患户")
	na.Empty = len(ml.major)+len(ml.refused)+len(ml.escalated)+len(ml.overdue)+len(chronic) == 0
	return na
}

// completeness says which expected files of report i are missing or not
// yet due and which towns or enterprises are therefore without data.
type completeness struct {
	New, Cohort                     string // caveats beside the new-hazard and the cohort figures ("" when complete)
	NewIncomplete, CohortIncomplete bool
	// NewNotDue: no 排查表 of R-1 received and none due yet (loop.NewNotDue):
	// the new-hazard figure is shown as 未到期, due by NewDue (2026年12月25日).
	NewNotDue bool
	NewDue    string
	// NewMissing: no 排查表 of R-1 received and some past their deadline
	// (loop.NewMissing): the month has no new-hazard data, shown as 未收到,
	// never as 0 (review, item 3).
	NewMissing bool
	// Open is the caveat beside the open and overdue figures: 排查表 of
	// months before R-1 still not received (review, item 3); R-1's are in New.
	Open string
}

// missingHazardFiles lists, per month from..to, the enterprises whose
// 排查表 is not received at as_of (status at as_of_R pending or missing),
// months in order.
func (s *site) missingHazardFiles(from, to calendar.Month, at time.Time) (months []calendar.Month, ids [][]string) {
	for m := from; m.Compare(to) <= 0; m = m.Add(1) {
		var miss []string
		for _, e := range s.d.Ref.Enterprises {
			if !e.ActiveIn(m) {
				continue
			}
			if x := loop.Evaluate1(s.d, s.opt.Receipts, model.FormHazards, m, e.ID, at, s.opt.AsOf); !x.InData() {
				miss = append(miss, e.ID)
			}
		}
		if len(miss) > 0 {
			months, ids = append(months, m), append(ids, miss)
		}
	}
	return months, ids
}

func (s *site) completeness(i int) completeness {
	r := s.reports[i]
	var c completeness
	state := map[string]string{}
	for _, x := range r.Submissions {
		state[x.Form+"|"+x.Submitter] = x.Status
	}
	word := func(form, who string) string {
		if state[form+"|"+who] == loop.Pending {
			return "未到期"
		}
		return "逾期未报"
	}
	nf := loop.NewFilesOf(r)
	c.NewNotDue, c.NewMissing = nf.NotDue(), nf.NoData()
	if c.NewNotDue {
		c.NewDue = dateCN(nf.Due)
	}
	if ids := r.Incomplete.Hazards; c.NewNotDue {
		c.NewIncomplete = true
		nm, _ := calendar.ParseMonth(r.NewHazards.Month)
		c.New = fmt.Sprintf("未到期：%s 的 %s 排查表均在 %s 前报送，现在还没有到期，本节暂无数据；这不表示没有发现隐患。", strings.Join(ids, "、"), monthCN(nm), c.NewDue)
	} else if c.NewMissing {
		c.NewIncomplete = true
		nm, _ := calendar.ParseMonth(r.NewHazards.Month)
		c.New = fmt.Sprintf("未收到：%s 的 %s 排查表%s，本节没有数据；这不表示没有发现隐患。", strings.Join(ids, "、"), monthCN(nm), newStates(nf))
	} else if len(ids) > 0 {
		c.NewIncomplete = true
		var parts []string
		for _, id := range ids {
			parts = append(parts, fmt.Sprintf("%s %s（%s）", id, s.enterpriseName(id), word(model.FormHazards, id)))
		}
		nm, _ := calendar.ParseMonth(r.NewHazards.Month)
		var none []string
		for _, t := range s.d.Ref.Towns {
			if r.NewHazards.ByTown[t.Code] == 0 {
				none = append(none, t.Name)
			}
		}
		c.New = fmt.Sprintf("数据不完整：%s 的 %s 排查表尚未收到", strings.Join(parts, "、"), monthCN(nm))
		if len(none) > 0 {
			c.New += fmt.Sprintf("，%s无新增隐患数据", strings.Join(none, "、"))
		}
		c.New += "。新发现隐患数和各街镇分布因此偏低，不能据此判断隐患减少。"
	}
	rMonth, _ := calendar.ParseMonth(r.Period)
	at := loop.AsOfFor(rMonth, s.opt.AsOf)
	cm, _ := calendar.ParseMonth(r.Rectification.Month)
	// The cohort's own 排查表 not received: the cohort leaves their
	// hazards out, and towns may show no cohort at all.
	if _, ids := s.missingHazardFiles(cm, cm, at); len(ids) > 0 {
		c.CohortIncomplete = true
		var none []string
		for _, t := range s.d.Ref.Towns {
			if r.Rectification.ByTown[t.Code].Total == 0 {
				none = append(none, t.Name)
			}
		}
		c.Cohort = fmt.Sprintf("数据不完整：%s 的 %s 排查表仍未收到，本批次 %d 起不含这些企业发现的隐患", strings.Join(ids[0], "、"), monthCN(cm), r.Rectification.Total)
		if r.Rectification.Total == 0 { // nothing received: no cohort at all, not a cohort of 0
			c.Cohort = fmt.Sprintf("数据不完整：%s 的 %s 排查表仍未收到，本批次没有隐患数据（批次数为 0，闭环率为“—”），这不表示没有隐患", strings.Join(ids[0], "、"), monthCN(cm))
		} else if len(none) > 0 {
			c.Cohort += fmt.Sprintf("；%s本批次没有隐患数据（批次数为 0，闭环率为“—”）", strings.Join(none, "、"))
		}
		c.Cohort += "。"
	}
	// Every month before R-1 (R-1 is the New caveat) up to the earliest
	// report's: the open and overdue figures leave out what was not received.
	if len(s.months) > 0 {
		if ms, ids := s.missingHazardFiles(s.months[0].Add(-1), rMonth.Add(-2), at); len(ms) > 0 {
			var parts []string
			for k, m := range ms {
				parts = append(parts, fmt.Sprintf("%s 的 %s 排查表", strings.Join(ids[k], "、"), monthCN(m)))
			}
			c.Open = "数据不完整：" + strings.Join(parts, "、") + "仍未收到，未闭环和逾期数字不含其中的隐患"
			if len(r.Incomplete.Hazards) > 0 {
				c.Open += fmt.Sprintf("（%s 排查表的情况见一）", monthCN(rMonth.Add(-1)))
			}
			c.Open += "。"
		}
	}
	if codes := r.Incomplete.Rectifications; len(codes) > 0 {
		c.CohortIncomplete = true
		rm, _ := calendar.ParseMonth(r.Rectification.Month)
		var pend, miss []string
		var nPend, nUnrep int // the listed towns' own rows: rectification.by_town summed
		missing := loop.CohortMissing(r)
		for _, code := range codes {
			nPend += r.Rectification.ByTown[code].Pending
			nUnrep += r.Rectification.ByTown[code].Unreported
			if missing[code] {
				miss = append(miss, s.townName(code))
			} else {
				pend = append(pend, s.townName(code))
			}
		}
		var parts []string
		if len(pend) > 0 {
			parts = append(parts, fmt.Sprintf("%s 的 %s 汇总表未到期（截止 %s）", strings.Join(pend, "、"), monthCN(rm), dateCN(calendar.RectificationDue(rm))))
		}
		if len(miss) > 0 {
			parts = append(parts, fmt.Sprintf("%s 的 %s 汇总表逾期未报", strings.Join(miss, "、"), monthCN(rm)))
		}
		lead := "数据不完整："
		if c.Cohort != "" { // after the 排查表 sentence
			lead = ""
		}
		c.Cohort += lead + strings.Join(parts, "；") + "。这些街镇的隐患中，" + cohortCounts(nPend, nUnrep) + "，计入闭环率的分母。"
		if op, ou := r.Rectification.Pending-nPend, r.Rectification.Unreported-nUnrep; op+ou > 0 {
			c.Cohort += "已报送汇总表的街镇中，另有" + cohortCounts(op, ou) + "（汇总表中没有这些隐患的行），同样计入分母。"
		}
	}
	return c
}

// cohortCounts names the pending and unreported hazards of a completeness
// sentence, leaving out a kind that has none: "未报送 143 起".
func cohortCounts(pending, unreported int) string {
	var parts []string
	if pending > 0 {
		parts = append(parts, fmt.Sprintf("待报送 %d 起", pending))
	}
	if unreported > 0 {
		parts = append(parts, fmt.Sprintf("未报送 %d 起", unreported))
	}
	if len(parts) == 0 {
		return "待报送、未报送 0 起"
	}
	return strings.Join(parts, "、")
}

// fairRow is one town in a ranking by what was in the town's hands:
// 街镇逾期未办结, the cohort closure rate with the hazards whose 汇总表 is
// not yet due left out (and shown), and 联合整治.
type fairRow struct {
	Code, Name, Href                  string
	Open, Overdue, TownOverdue, Esc   int
	CohortTotal, Pending, Due, Closed int
	DueRate                           string  // closed / (cohort - pending), "—" when nothing is due
	dueRate                           float64 // for sorting; -1 when nothing is due
	Late                              bool    // TownOverdue > 0: the only thing coloured
	BelowAverage                      bool    // due rate below the district's
	NoReport                          bool    // the town's cohort 汇总表 is 逾期未报 (loop.Missing): its rate counts hazards with no report; said beside the rate (DESIGN: a figure depending on a missing file says so)
	Rank                              int
}

// fairRanking ranks every town of report i (loop.FairRanking): most
// 街镇逾期未办结 first, then the lower due closure rate, then more 联合整治,
// then code.
func (s *site) fairRanking(i int) ([]fairRow, string) {
	rows, avg := loop.FairRanking(s.reports[i], s.townCodes())
	missing := loop.CohortMissing(s.reports[i])
	out := make([]fairRow, len(rows))
	for k, f := range rows {
		out[k] = s.fairRow(f)
		out[k].NoReport = missing[f.Town]
	}
	a := "—"
	if avg >= 0 {
		a = fmt.Sprintf("%.1f%%", avg*100)
	}
	return out, a
}

// fairRow is the page row of a town's fair measures.
func (s *site) fairRow(f loop.FairTown) fairRow {
	r := fairRow{Code: f.Town, Name: s.townName(f.Town), Href: townHref(f.Town), Open: f.Open, Overdue: f.Overdue,
		TownOverdue: f.TownOverdue, Esc: f.Escalated, CohortTotal: f.CohortTotal, Pending: f.Pending,
		Due: f.Due, Closed: f.Closed, Late: f.TownOverdue > 0, BelowAverage: f.BelowAverage, Rank: f.Rank,
		dueRate: f.DueRate, DueRate: "—"}
	if f.NotDue {
		r.DueRate = "未到期"
	}
	if f.Due > 0 {
		r.DueRate = percent(f.DueRate, f.Due)
	}
	return r
}

// townCodes lists the codes of the towns in reference order.
func (s *site) townCodes() []string {
	out := make([]string, len(s.d.Ref.Towns))
	for i, t := range s.d.Ref.Towns {
		out[i] = t.Code
	}
	return out
}

// summary writes the opening paragraph of report i: 3–5 short sentences an
// official reads in 30 seconds — what needs action, what changed since
// last month and whether that is real or due to missing data, which towns
// are behind by fair measures, and the submissions.
func (s *site) summary(i int) string {
	r := s.reports[i]
	n, c, o := r.NewHazards, r.Rectification, r.Open
	comp := s.completeness(i)
	var out []string

	// 1. What needs action.
	at := loop.AsOfFor(s.months[i], s.opt.AsOf)
	ml := s.lists(i)
	refused, longest := len(ml.refused), ml.longest
	if o.Total == 0 {
		out = append(out, fmt.Sprintf("截至%s，%s及以前的隐患已全部闭环。", dateCN(at), monthCN(mustMonth(n.Month))))
	} else {
		sent := fmt.Sprintf("需督办：未闭环重大隐患 %d 起、拒不整改 %d 起、移交联合整治 %d 起；用户逾期未整改 %d 起", len(o.MajorIDs), refused, o.Escalated, o.Overdue)
		if longest > 0 {
			sent += fmt.Sprintf("（最长逾期 %d 天）", longest)
		}
		out = append(out, sent+"。")
	}

	// 2. New hazards and the change since last month, with its caveat. A
	// 排查表 not yet due (DESIGN.md "Time": the 25th of R) is nobody's
	// fault and its month is not over for the figures: before that deadline
	// the month is not compared with the last (a fall would only mean "not
	// reported yet"), and with nothing received no count is stated at all.
	nf := loop.NewFilesOf(r)
	notDue, due := nf.Pending, nf.Due
	sent := fmt.Sprintf("%s入户安检新发现隐患 %d 起（重大 %d 起）", monthCN(mustMonth(n.Month)), n.Total, n.BySeverity["重大"])
	if comp.NewNotDue {
		sent = fmt.Sprintf("%s的排查表尚未到期（%s前报送），新发现隐患待报送后统计，不与上期比较", monthCN(mustMonth(n.Month)), dateCN(due))
	} else if comp.NewMissing {
		// none received (review, item 3): no count, no comparison
		miss := nf.Missing
		if len(notDue) == 0 {
			sent = fmt.Sprintf("%s的排查表均逾期未报（%s），没有新发现隐患数据", monthCN(mustMonth(n.Month)), strings.Join(miss, "、"))
		} else {
			sent = fmt.Sprintf("%s的排查表均未收到（%s 逾期未报，%s 尚未到期），没有新发现隐患数据", monthCN(mustMonth(n.Month)), strings.Join(miss, "、"), strings.Join(notDue, "、"))
		}
	} else if len(notDue) > 0 {
		sent += fmt.Sprintf("；%s 的排查表尚未到期（%s前报送），暂不与上期比较", strings.Join(notDue, "、"), dateCN(due))
		if late := without(r.Incomplete.Hazards, notDue); len(late) > 0 {
			sent += fmt.Sprintf("，%s 的排查表逾期未报", strings.Join(late, "、"))
		}
	} else if i > 0 && loop.NewMissing(s.reports[i-1]) {
		sent += fmt.Sprintf("；上期（%s）的排查表均未收到，没有数据，不与上期比较", monthCN(mustMonth(s.reports[i-1].NewHazards.Month)))
		if comp.NewIncomplete {
			sent += fmt.Sprintf("；%s 的排查表尚未收到", strings.Join(r.Incomplete.Hazards, "、"))
		}
	} else if i > 0 {
		prev := s.reports[i-1].NewHazards.Total
		prevIncomplete := len(s.reports[i-1].Incomplete.Hazards) > 0
		switch d := n.Total - prev; {
		case d > 0:
			sent += fmt.Sprintf("，比上期增加 %d 起", d)
		case d < 0:
			sent += fmt.Sprintf("，比上期减少 %d 起", -d)
		default:
			sent += "，与上期持平"
		}
		switch {
		case comp.NewIncomplete:
			sent += fmt.Sprintf("，但 %s 的排查表尚未收到，变化主要反映数据不完整", strings.Join(r.Incomplete.Hazards, "、"))
		case prevIncomplete:
			sent += "，但上期数据不完整，两期不可直接比较"
		}
	} else if comp.NewIncomplete {
		sent += fmt.Sprintf("，%s 的排查表尚未收到", strings.Join(r.Incomplete.Hazards, "、"))
	}
	out = append(out, sent+"。")

	// 3. The cohort, pending kept apart from what is late.
	if c.Total > 0 {
		sent := fmt.Sprintf("%s批次隐患 %d 起，已闭环 %d 起，闭环率 %s", monthCN(mustMonth(c.Month)), c.Total, c.Closed(), percent(c.ClosureRate, c.Total))
		if c.Pending > 0 {
			sent += fmt.Sprintf("；其中 %d 起所在街镇的汇总表尚未到期（待报送），不算逾期", c.Pending)
		}
		if c.Unreported > 0 {
			// Unreported only once as_of_R reaches the 汇总表 deadline (end
			// of R): at that very second the town's deadline has not yet
			// passed for 街镇逾期未办结 (DESIGN.md: t > the town's deadline),
			// so the sentence says when they count there (review round 3,
			// G19: the page must not call them late in one place and leave
			// them out of the same measure in another without a word).
			sent += fmt.Sprintf("；%d 起到汇总表截止时仍未报送整改情况（仍未闭环的，下期起计入街镇逾期未办结）", c.Unreported)
		}
		out = append(out, sent+"。")
	}

	// 4. Towns behind, by fair measures only: the three worst of each
	// measure, worst first, and how many towns in all.
	rows, avg := s.fairRanking(i)
	var behind, low []string
	nBehind, nLow := 0, 0
	for _, f := range rows { // ranked: most 街镇逾期未办结 first
		if f.TownOverdue > 0 {
			nBehind++
			if len(behind) < 3 {
				behind = append(behind, fmt.Sprintf("%s（%d 起）", f.Name, f.TownOverdue))
			}
		}
	}
	byRate := append([]fairRow(nil), rows...)
	sort.SliceStable(byRate, func(a, b int) bool { return byRate[a].dueRate < byRate[b].dueRate })
	for _, f := range byRate {
		if f.BelowAverage {
			nLow++
			if len(low) < 3 {
				low = append(low, fmt.Sprintf("%s（%s）", f.Name, f.DueRate))
			}
		}
	}
	list := func(names []string, n int) string {
		s := strings.Join(names, "、")
		if n > len(names) {
			s += fmt.Sprintf("等 %d 个街镇", n)
		}
		return s
	}
	switch {
	case nBehind > 0 && nLow > 0:
		out = append(out, fmt.Sprintf("街镇逾期未办结最多的是%s；已到期隐患闭环率低于全区（%s）的有%s。", list(behind, nBehind), avg, list(low, nLow)))
	case nBehind > 0:
		out = append(out, fmt.Sprintf("街镇逾期未办结最多的是%s。", list(behind, nBehind)))
	case nLow > 0:
		out = append(out, fmt.Sprintf("没有街镇逾期未办结；已到期隐患闭环率低于全区（%s）的有%s。", avg, list(low, nLow)))
	default:
		out = append(out, "没有街镇逾期未办结。")
	}

	// 5. Submissions.
	t := loop.Tally(r.Submissions)
	sent = fmt.Sprintf("本期应报材料 %d 份：按时 %d 份、逾期报送 %d 份、逾期未报 %d 份", len(r.Submissions), t[loop.OnTime], t[loop.Late], t[loop.Missing])
	if t[loop.Pending] > 0 {
		sent += fmt.Sprintf("、未到期 %d 份", t[loop.Pending])
	}
	if t[loop.Unknown] > 0 {
		sent += fmt.Sprintf("、收件时间不详 %d 份", t[loop.Unknown])
	}
	out = append(out, sent+"。")
	return strings.Join(out, "")
}

func mustMonth(s string) calendar.Month {
	m, _ := calendar.ParseMonth(s)
	return m
}

// newStates says how the 排查表 of the new-hazard month stand when none is
// received: "均逾期未报（截止 2026年12月25日）", or "均未收到（E01、E02 逾期未报，
// 截止 2026年12月25日；E03 未到期）" when some are not yet due.
func newStates(f loop.NewFiles) string {
	if len(f.Pending) == 0 {
		return "均逾期未报（截止 " + dateCN(f.Due) + "）"
	}
	return "均未收到（" + strings.Join(f.Missing, "、") + " 逾期未报，截止 " + dateCN(f.Due) + "；" + strings.Join(f.Pending, "、") + " 未到期）"
}

// without returns the elements of a not in b, in the order of a.
func without(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
