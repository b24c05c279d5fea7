package render

import (
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/form"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// One page per hazard (一患一档, issue 12 finding 12):
// towns/<town>/<id>.html, in the folder of the town that must have it
// rectified, tells one hazard's life — found (its 排查表
// row), reported, distributed, every change of its 汇总表 row on the main
// line (Options.Rows, from git) and where it stands now (closed, overdue,
// escalated). Personal data is published as on every other page: the
// columns of the 派发清单 (hazardColumns, x-personal) and the town's cells
// through the masker.
//
// Pages are written for the hazards that matter now (pageWindow): open at
// as_of, or found or closed within the last 12 months. At five years
// (~90,000 hazards) that keeps the site near 20,000 such pages instead of
// growing without end; the others stay in the 派发清单 downloads, and the
// search says so.

// pageWindow is how many months back a closed hazard keeps its page.
const pageWindow = 12

// hazardHref is the link from the site root to the page of hazard h.
func hazardHref(h *model.Hazard) string {
	return "towns/" + h.Town + "/" + h.ID + ".html"
}

// pageInTown is the link to h's page from its town's page ("" when it has
// none).
func (s *site) pageInTown(h *model.Hazard) string {
	if _, ok := s.hazardLinks[h.ID]; !ok {
		return ""
	}
	return h.ID + ".html"
}

// hazardPages decides which hazards get a page: open at as_of, or found
// (inspection month) or closed (整改完成日期) in the pageWindow months
// before as_of's month. It returns id → link from the site root.
func (s *site) hazardPages() map[string]string {
	out := map[string]string{}
	from := calendar.MonthOf(s.opt.AsOf).Add(-pageWindow)
	for _, h := range s.d.Hazards {
		r := s.d.Rects[h.ID]
		st := s.tl.Evaluate(h, r, s.opt.AsOf)
		keep := !st.Class.Closed() || h.Month.Compare(from) >= 0 ||
			r != nil && !r.RectifiedDate.IsZero() && r.RectifiedDate.MonthOf().Compare(from) >= 0
		if keep {
			out[h.ID] = hazardHref(h)
		}
	}
	return out
}

// fact is one labelled value of a hazard page.
type fact struct{ Label, Value string }

// hazardEvent is one step of a hazard's life.
type hazardEvent struct {
	When, Step, Text, Who, Commit string
	Bad, Good                     bool
}

// hazardPage is the data of hazard.html.
type hazardPage struct {
	ID, Month                  string
	Town, TownHref, Village    string
	Enterprise, EnterpriseHref string
	Type, TypeHref, Severity   string
	Due, Status, Rectified     string
	Closed, Overdue, Escalated bool
	DaysLate                   int
	ListHref                   string // the month's 派发清单 (CSV), from the site root
	HasHistory                 bool   // the town's changes come from git
	Facts                      []fact // the published columns of its 派发清单 row
	Events                     []hazardEvent
	// Later are the versions of its 汇总表 row received after as_of: shown
	// apart, counted nowhere in this build (DESIGN.md "Time").
	Later        []hazardEvent
	LaterCounted bool // the file was received by as_of: the built tree's content counts (DESIGN.md "Time")
	AsOf         string
}

// renderHazards writes the page of every hazard of s.hazardLinks.
func (s *site) renderHazards() error {
	if s.want != "" && !s.isHazardPage(s.want) {
		return nil
	}
	versions := s.versions()
	for _, h := range s.d.Hazards {
		href, ok := s.hazardLinks[h.ID]
		if !ok || !s.wants(href) {
			continue
		}
		p := s.hazardPage(h, versions[h.ID])
		if err := s.emit(href, "hazard.html", "隐患 "+h.ID, "towns", p); err != nil {
			return err
		}
	}
	return nil
}

// isHazardPage reports whether p (a slash path from the site root) is the
// page of a hazard.
func (s *site) isHazardPage(p string) bool {
	id, ok := strings.CutSuffix(path.Base(p), ".html")
	return ok && s.hazardLinks[id] == p
}

// townVersion is one version of a hazard's 汇总表 row with the time it was
// received (review, item 4): the rule of the file's receipt (DESIGN.md
// "Time") applied to each version. The version that created the file was
// received at the file's receipt time (receipts.csv when it lists the path,
// else that commit's time); a later version at its commit time, but never
// before the file's receipt.
type townVersion struct {
	model.RowVersion
	Path     string
	Received time.Time
}

// rowVersionsByID indexes the row versions of the 汇总表 files by hazard
// id, each hazard's oldest receipt first.
func (s *site) rowVersionsByID() map[string][]townVersion {
	out := map[string][]townVersion{}
	paths := make([]string, 0, len(s.opt.Rows))
	for p := range s.opt.Rows {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		vs := s.opt.Rows[p]
		first, firstAt := "", time.Time{} // the commit that created the file
		for _, r := range s.opt.History[p] {
			if first == "" || r.When.Before(firstAt) {
				first, firstAt = r.Commit, r.When
			}
		}
		for _, v := range vs {
			if first == "" || v.When.Before(firstAt) {
				first, firstAt = v.Commit, v.When
			}
		}
		file, known := s.receivedAt(p)
		for _, v := range vs {
			tv := townVersion{RowVersion: v, Path: p, Received: v.When}
			if known && (v.Commit == first || file.After(v.When)) {
				tv.Received = file
			}
			out[v.Key] = append(out[v.Key], tv)
		}
	}
	for _, vs := range out {
		sort.SliceStable(vs, func(i, j int) bool { return vs[i].Received.Before(vs[j].Received) })
	}
	return out
}

// versionWhen is the time column of a town version: its receipt time, and
// the commit's time when that differs.
func versionWhen(v townVersion) string {
	w := formatTime(v.Received)
	if !v.Received.Equal(v.When) {
		w = "收件 " + w + "（提交 " + formatTime(v.When) + "）"
	}
	return w
}

// hazardPage builds the page of h; versions are the changes of its
// 汇总表 row (nil without git).
func (s *site) hazardPage(h *model.Hazard, all []townVersion) hazardPage {
	r := s.d.Rects[h.ID]
	st := s.tl.Evaluate(h, r, s.opt.AsOf)
	p := hazardPage{ID: h.ID, Month: h.Month.String(), Town: s.townName(h.Town), TownHref: townHref(h.Town),
		Village: s.villageName(h.Village), Enterprise: s.enterpriseName(h.Enterprise), EnterpriseHref: enterpriseHref(h.Enterprise),
		Type: s.typeName(h.Type), TypeHref: typeHref(h.Type), Severity: h.Severity, Due: h.DueDate.String(),
		Status: statusText(st), Closed: st.Class.Closed(), Overdue: st.Overdue, Escalated: st.Escalated, DaysLate: st.DaysLate,
		ListHref: "towns/" + h.Town + "/hazards-" + h.Month.String() + ".csv", HasHistory: s.opt.Rows != nil, AsOf: formatAsOf(s.opt.AsOf)}
	if r != nil && !r.RectifiedDate.IsZero() {
		p.Rectified = r.RectifiedDate.String()
	}
	for _, c := range s.hazardColumns() {
		if v := c.val(st); v != "" {
			p.Facts = append(p.Facts, fact{c.head, v})
		}
	}

	// Found, reported, distributed.
	found := s.enterpriseName(h.Enterprise) + "入户安检发现：" + s.typeName(h.Type)
	if h.Severity != "" {
		found += "（" + h.Severity + "）"
	}
	if h.OnsiteAction != "" {
		found += "；现场处置：" + h.OnsiteAction
	}
	p.Events = append(p.Events, hazardEvent{When: h.InspectionDate.String(), Step: "发现", Text: found})
	sub := loop.Evaluate1(s.d, s.opt.Receipts, model.FormHazards, h.Month, h.Enterprise, s.opt.AsOf, s.opt.AsOf)
	rep := hazardEvent{Step: "上报排查表", When: "收件时间不详", Bad: sub.Status == loop.Late,
		Text: sub.Path + "（截止 " + formatTime(sub.DueTime) + "，" + loop.StatusLabel[sub.Status] + "）"}
	if sub.Received != nil {
		rep.When = formatTime(*sub.Received)
	}
	p.Events = append(p.Events, rep)
	dist := hazardEvent{When: "期限 " + calendar.DateOf(loop.DistributionDue(h, s.tl.Received(h))).String(), Step: "派发",
		Text: "列入" + s.townName(h.Town) + " " + h.Month.String() + " 派发清单，由" + s.villageName(h.Village) + "督促整改；街镇汇总表截止 " +
			calendar.DateOf(loop.TownDue(h, s.tl.Received(h))).String()}
	if loop.TownDueLate(h, s.tl.Received(h)) {
		// README "设计卡未规定之处的决定", 街镇期限: the town's time runs from
		// when the row reached the centre.
		dist.Text += "（排查表逾期报送：这一条 " + formatTime(s.tl.Received(h)) + " 才收到，派发和街镇期限相应顺延；按时报送时为派发 " +
			calendar.DateOf(calendar.DistributionDue(h.Month)).String() + "、汇总表 " + calendar.DateOf(calendar.RectificationDue(h.Month)).String() + "）"
	}
	p.Events = append(p.Events, dist)

	// The town's 汇总表 row, as it changed: the versions received by as_of
	// (the page's 现状, the town page and the 月报 know only these); those
	// received later are listed apart.
	wasClosed, wasJoint := false, false
	for i, v := range all {
		e := s.townEvent(h, v, wasClosed, wasJoint, i == 0)
		if v.Cells == nil {
			wasClosed, wasJoint = false, false
		} else {
			vals := s.rectCells(v.Cells)
			wasClosed = loop.Classify(h, &model.Rectification{Status: vals["status"]}).Closed()
			wasJoint = vals["joint_enforcement"] == "是"
		}
		if v.Received.After(s.opt.AsOf) {
			p.Later = append(p.Later, e)
		} else {
			p.Events = append(p.Events, e)
		}
	}
	p.LaterCounted = len(p.Later) > 0 && r != nil
	if len(all) == 0 && r != nil {
		e := hazardEvent{Step: "街镇报送", When: "收件时间不详", Text: s.rectText(s.rectValues(r))}
		if t, ok := s.receivedAt(r.File); ok {
			e.When = formatTime(t)
		}
		if st.Class.Closed() {
			e.Step, e.Good = "办结", true
		} else if r.Joint {
			e.Step, e.Bad = "移交联合整治", true
		}
		p.Events = append(p.Events, e)
	}

	// Where it stands at as_of.
	now := hazardEvent{When: formatAsOf(s.opt.AsOf), Step: "现状"}
	switch {
	case st.Class.Closed():
		now.Text, now.Good = "已闭环："+statusText(st), true
		if p.Rectified != "" {
			now.Text += "（" + p.Rectified + "）"
		}
	case st.Class == loop.NotYetDue:
		now.Text = "街镇尚未报送整改情况（汇总表 " + calendar.DateOf(loop.TownDue(h, s.tl.Received(h))).String() + " 前报送）"
	case st.Class == loop.Unreported:
		now.Text, now.Bad = "街镇汇总表已到期，仍未报送这一条的整改情况", true
	default:
		now.Text = "未闭环：" + statusText(st)
	}
	if st.Overdue {
		now.Text += "；用户逾期未整改 " + strconv.Itoa(st.DaysLate) + " 天（整改期限 " + h.DueDate.String() + "）"
		now.Bad = true
	}
	if st.TownOverdue {
		now.Text += "；街镇逾期未办结 " + strconv.Itoa(st.TownDaysLate) + " 天"
		now.Bad = true
	}
	if st.Escalated {
		now.Text += "；已移交联合整治"
		now.Bad = true
	}
	p.Events = append(p.Events, now)
	return p
}

// townEvent is version v of h's 汇总表 row as a step of its life, given
// whether it was closed and escalated before and whether it is the row's
// first version.
func (s *site) townEvent(h *model.Hazard, v townVersion, wasClosed, wasJoint, first bool) hazardEvent {
	e := hazardEvent{When: versionWhen(v), Who: s.m.text(v.Author), Commit: shortCommit(v.Commit)}
	if v.Cells == nil {
		e.Step, e.Text, e.Bad = "删除", "这一行从汇总表中删除（按未报送统计）", true
		return e
	}
	vals := s.rectCells(v.Cells)
	closed := loop.Classify(h, &model.Rectification{Status: vals["status"]}).Closed()
	joint := vals["joint_enforcement"] == "是"
	switch {
	case closed && !wasClosed:
		e.Step, e.Good = "办结", true
	case joint && !wasJoint:
		e.Step, e.Bad = "移交联合整治", true
	case first:
		e.Step = "街镇报送"
	default:
		e.Step = "街镇更新"
	}
	e.Text = s.rectText(vals)
	return e
}

// receivedAt is the receipt time of path when known.
func (s *site) receivedAt(path string) (t time.Time, ok bool) {
	if s.opt.Receipts == nil {
		return t, false
	}
	return s.opt.Receipts.ReceivedAt(path)
}

// rectCells maps the cells of a 汇总表 row (header as written → cell) to
// fields, leaving out columns the form does not know (the （参考） context
// columns among them).
func (s *site) rectCells(cells map[string]string) map[string]string {
	f := form.Get(form.Rectifications)
	out := map[string]string{}
	for h, v := range cells {
		if field := f.FieldOf(h); field != "" && f.Prop(field) != nil {
			out[field] = v
		}
	}
	return out
}

// rectValues is the current row r by field.
func (s *site) rectValues(r *model.Rectification) map[string]string {
	return map[string]string{"status": r.Status, "method": r.Method, "rectified_date": r.RectifiedDate.String(),
		"verifier": r.Verifier, "reason": r.Reason, "joint_enforcement": yesNo(r.Joint), "remarks": r.Remarks}
}

// rectText writes a 汇总表 row as “整改状态：…；核查人：…”, in the form's
// column order, each value published as its x-personal says; the columns
// that repeat the hazard (隐患编号, 村居) are left out.
func (s *site) rectText(vals map[string]string) string {
	var parts []string
	for _, p := range form.Get(form.Rectifications).Props {
		v := vals[p.Field]
		if v == "" || p.Field == "hazard_id" || p.Field == "village" || !s.m.shown(form.Rectifications, p.Field) {
			continue
		}
		parts = append(parts, p.Header+"："+s.m.rect(p.Field, v))
	}
	if len(parts) == 0 {
		return "（整行留空：按未报送统计）"
	}
	return strings.Join(parts, "；")
}
