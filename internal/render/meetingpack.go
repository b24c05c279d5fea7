package render

import (
	"fmt"
	"sort"
	"strings"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/minutes"
)

// The 联席会议 pack (issue 12, finding 11): meetings/pack/index.html, one
// A4 sheet per town for the next joint meeting — rank and the fair measures
// of the latest 月报, the change since the previous meeting (status at the
// end of its day, loop.MeetingPack), the worst villages, the open 重大
// hazards and what earlier meetings decided for the town (package minutes)
// with whether it was done. Figures come from loop; nothing here counts.

// packFile is the pack's page from the site root.
const packFile = "meetings/pack/index.html"

// Print caps: a sheet must stay one A4 page whatever the data.
const (
	packVillages  = 5 // worst villages
	packMajor     = 5 // open 重大 hazards
	packDecisions = 5 // decisions
	// In print, a decision's 事项, 责任单位 and 完成情况 are cut to these
	// many characters (the page shows them whole; the note has them all).
	packItemRunes, packOwnerRunes, packProgressRunes = 40, 16, 20
)

type packPage struct {
	AsOf, Period     string // as_of of the figures (2026年11月29日) and the 月报 they come from (2026年11月)
	PeriodHref       string
	Previous         *meeting // the previous meeting (nil: none)
	PreviousAt       string   // the instant of the figures "then"
	Avg, PreviousAvg string   // the district's closure rate of what is due, now and then
	Towns            []packTown
	District         []packDecision // decisions that concern no town (区燃气中心, 企业)
	Data             string         // the data version: commit and as_of
}

type packTown struct {
	Code, Name, Href string
	// Caveat says which 排查表 of the cohort month are not received, so the
	// town's cohort figures leave their hazards out ("" when complete;
	// review, item 4, as the 月报's completeness).
	Caveat        string
	Now           fairRow
	Then          *fairRow
	Changes       []packChange
	Villages      []packVillage
	OpenVillages  int
	Major         []listRow
	MoreMajor     int
	Decisions     []packDecision
	MoreDecisions int
}

// packChange is one measure now and at the previous meeting.
type packChange struct {
	Label, Then, Now, Delta string
	Worse, Better           bool
}

type packVillage struct {
	Name                                  string
	Open, Overdue, TownOverdue, Escalated int
	Oldest                                int
}

// packDecision is one decision of a meeting with its state at as_of.
type packDecision struct {
	Meeting, MeetingHref        string // the meeting's date and page (from meetings/pack/)
	No, Item, Owner, Due, State string
	Progress                    string
	// ItemShort, OwnerShort and ProgressShort are what prints (cut).
	ItemShort, OwnerShort, ProgressShort string
	Late, Done                           bool
}

func (s *site) renderMeetingPack(ms []meeting) error {
	if len(s.reports) == 0 {
		return s.emit(packFile, "meetingpack.html", "联席会议材料", "meetings", packPage{})
	}
	today := calendar.DateOf(s.opt.AsOf)
	var prev *meeting
	for i := range ms { // newest first
		if d, err := calendar.ParseISODate(ms[i].Date); err == nil && !today.Before(d) {
			prev = &ms[i]
			break
		}
	}
	var prevDate calendar.Date
	if prev != nil {
		prevDate, _ = calendar.ParseISODate(prev.Date)
	}
	last := len(s.reports) - 1
	mp := loop.MeetingPack(s.d, s.opt.Receipts, s.reports[last], s.townCodes(), s.opt.AsOf, prevDate, packVillages)
	per, _ := calendar.ParseMonth(mp.Period)
	p := packPage{AsOf: dateCN(mp.At), Period: monthCN(per), PeriodHref: "../../" + reportHref(mp.Period), Previous: prev,
		Avg: rateText(mp.Avg), PreviousAvg: rateText(mp.PreviousAvg),
		Data: fmt.Sprintf("数据版本 %s · 截至 %s（北京时间）", s.dataVersion(), formatAsOf(s.opt.AsOf))}
	if prev != nil {
		p.PreviousAt = dateCN(mp.PreviousAt)
	}
	decisions := s.packDecisions(ms, prev, today)
	for _, d := range decisions {
		if len(d.dec.Towns) == 0 && !d.dec.AllTowns {
			p.District = append(p.District, d.row)
		}
	}
	at := loop.AsOfFor(per, s.opt.AsOf)
	// The cohort's own 排查表 not received (as formal.go's completeness):
	// a town may have no cohort only because of them.
	cm, _ := calendar.ParseMonth(s.reports[last].Rectification.Month)
	var missing string
	if _, ids := s.missingHazardFiles(cm, cm, at); len(ids) > 0 {
		missing = fmt.Sprintf("%s 的 %s 排查表", strings.Join(ids[0], "、"), monthCN(cm))
	}
	for _, mt := range mp.Towns {
		code := mt.Now.Town
		t := packTown{Code: code, Name: s.townName(code), Href: "../../" + townHref(code), Now: s.fairRow(mt.Now), OpenVillages: mt.OpenVillages}
		if mt.Then != nil {
			f := s.fairRow(*mt.Then)
			t.Then = &f
		}
		t.Changes = packChanges(mt, missing)
		switch {
		case missing != "" && mt.Now.CohortTotal == 0:
			t.Caveat = fmt.Sprintf("数据不完整：%s未收到，本街镇 %s 整改批次没有隐患数据，闭环率为“—”，不表示没有隐患。", missing, monthCN(cm))
		case missing != "":
			t.Caveat = fmt.Sprintf("数据不完整：%s未收到，%s 整改批次不含这些企业发现的隐患。", missing, monthCN(cm))
		}
		for _, v := range mt.Villages {
			t.Villages = append(t.Villages, packVillage{Name: s.villageName(v.Village), Open: v.Open, Overdue: v.Overdue,
				TownOverdue: v.TownOverdue, Escalated: v.Escalated, Oldest: v.Oldest})
		}
		for i, h := range mt.Major {
			if i == packMajor {
				t.MoreMajor = len(mt.Major) - packMajor
				break
			}
			t.Major = append(t.Major, s.listRow(h, at))
		}
		for _, d := range decisions {
			if !d.dec.Concerns(code) {
				continue
			}
			if len(t.Decisions) == packDecisions {
				t.MoreDecisions++
				continue
			}
			t.Decisions = append(t.Decisions, d.row)
		}
		p.Towns = append(p.Towns, t)
	}
	sort.SliceStable(p.Towns, func(i, j int) bool { return p.Towns[i].Now.Rank < p.Towns[j].Now.Rank })
	return s.emit(packFile, "meetingpack.html", "联席会议材料", "meetings", p)
}

type packDecisionOf struct {
	dec minutes.Decision
	row packDecision
}

// packDecisions lists the decisions the pack follows up: every decision of
// the previous meeting, and those of earlier meetings not done at as_of;
// newest meeting first, in the order of each note.
func (s *site) packDecisions(ms []meeting, prev *meeting, today calendar.Date) []packDecisionOf {
	var out []packDecisionOf
	started := false
	for i := range ms {
		m := &ms[i]
		if m == prev {
			started = true
		}
		if !started {
			continue // after as_of: not yet held
		}
		for _, d := range m.Decisions {
			st := d.TownStateAt(today) // a district decision (no town) is never collective: StateAt
			if m != prev && st == minutes.Done {
				continue
			}
			due := ""
			if !d.Due.IsZero() {
				due = d.Due.String()
			}
			out = append(out, packDecisionOf{dec: d, row: packDecision{Meeting: m.Date, MeetingHref: "../" + m.Href,
				No: d.No, Item: d.Item, Owner: d.Owner, Due: due, Progress: d.Progress, State: minutes.StateLabel[st],
				ItemShort: cut(d.Item, packItemRunes), OwnerShort: cut(d.Owner, packOwnerRunes), ProgressShort: cut(d.Progress, packProgressRunes),
				Late: st == minutes.Overdue, Done: st == minutes.Done}})
		}
	}
	return out
}

// packChanges are the measures of the sheet, now against the previous
// meeting: a rise of 街镇逾期, 用户逾期, 未闭环 or of the rank number is
// worse; a rise of the due closure rate better.
//
// missing names the cohort's 排查表 not received ("E03、E04 的 2026年10月
// 排查表"; "" when none): an empty cohort then says why instead of
// 批次无隐患.
func packChanges(mt loop.MeetingTown, missing string) []packChange {
	n := mt.Now
	type m struct {
		label string
		get   func(loop.FairTown) int
	}
	count := []m{
		{"排名（1 = 最落后）", func(f loop.FairTown) int { return f.Rank }},
		{"街镇逾期未办结", func(f loop.FairTown) int { return f.TownOverdue }},
		{"移交联合整治", func(f loop.FairTown) int { return f.Escalated }},
		{"用户逾期未整改", func(f loop.FairTown) int { return f.Overdue }},
		{"未闭环隐患", func(f loop.FairTown) int { return f.Open }},
	}
	var out []packChange
	for k, c := range count {
		v := c.get(n)
		ch := packChange{Label: c.label, Now: fmt.Sprint(v), Then: "—", Delta: "—"}
		if mt.Then != nil {
			w := c.get(*mt.Then)
			ch.Then = fmt.Sprint(w)
			ch.Delta = signed(v - w)
			if k == 0 { // a larger rank number is better: fewer towns behind it
				ch.Better, ch.Worse = v > w, v < w
			} else {
				ch.Worse, ch.Better = v > w, v < w
			}
		}
		out = append(out, ch)
	}
	rate := packChange{Label: "整改批次闭环率（剔除未到期）", Now: dueRateText(n, missing), Then: "—", Delta: "—"}
	if mt.Then != nil {
		rate.Then = dueRateText(*mt.Then, "")
		if n.DueRate >= 0 && mt.Then.DueRate >= 0 {
			d := (n.DueRate - mt.Then.DueRate) * 100
			rate.Delta = strings.Replace(fmt.Sprintf("%+.1f 个百分点", d), "-", "−", 1)
			rate.Better, rate.Worse = d > 0.05, d < -0.05
		}
	}
	out = append(out[:2], append([]packChange{rate}, out[2:]...)...)
	return out
}

// dueRateText is "72.6%（已闭环 45 / 应办结 62，另 3 处未到期）"; an empty
// cohort is "—（批次无隐患）", or "—（E03、E04 的 2026年10月 排查表未收到）"
// when missing names the cohort's 排查表 not received.
func dueRateText(f loop.FairTown, missing string) string {
	pend := ""
	if f.Pending > 0 {
		pend = fmt.Sprintf("，另 %d 处未到期", f.Pending)
	}
	if f.Due == 0 {
		if f.CohortTotal == 0 && missing != "" {
			return "—（" + missing + "未收到）"
		}
		if f.CohortTotal == 0 {
			return "—（批次无隐患）"
		}
		return fmt.Sprintf("—（%d 处均未到期）", f.Pending)
	}
	return fmt.Sprintf("%s（%d/%d%s）", percent(f.DueRate, f.Due), f.Closed, f.Due, pend)
}

func rateText(r float64) string {
	if r < 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", r*100)
}

// cut shortens s to n characters, the last one an ellipsis.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
