package render

import (
	"fmt"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/csvio"
	"lpg/internal/form"
	"lpg/internal/layout"
	"lpg/internal/loop"
	"lpg/internal/model"
	"lpg/internal/reference"
	"lpg/internal/workbook"
)

// 本月要报 (issue 12 findings 4 and 5): the first thing on every town and
// enterprise page says what that submitter must upload now — each
// submission whose deadline has not passed, and each one overdue and still
// missing — with the exact path in the repository, the deadline, its
// status and the files to start from, named exactly as they must be
// uploaded: <page folder>/YYYY-MM/<code>.csv and .xlsx, so that saving the
// downloaded file as CSV keeps the right name, and the folder it sits in
// is the month folder to drag into Upload files.
//
// A town starts from its pre-filled 汇总表 (the rows of its hazards of the
// month, with what it already reported); an enterprise from a blank
// 排查表, generated per enterprise and month by the generator of
// `lpg template hazards` (workbook.Template) beside a header-only CSV.

// dueItem is one submission a page's submitter must upload.
type dueItem struct {
	Form, Month, Upload  string // 排查表/汇总表, YYYY-MM, data/…/YYYY-MM/<code>.csv
	Due, Received, Label string
	Bad                  bool   // overdue: missing, or received late
	Note                 string // what is in it so far
	Folder, CSVName      string // the download: Folder/CSVName and Folder/XLSXName, relative to the page
	XLSXName             string
}

// dueBlock is the 本月要报 block of a page.
type dueBlock struct {
	Dir   string // the folder of the repository the files go to: data/rectifications/ or data/hazards/
	Items []dueItem
}

// dueLabel is what a submission's status asks of its submitter.
func dueLabel(sub loop.Submission) (label string, bad bool) {
	switch sub.Status {
	case loop.OnTime:
		return "已收到（按时），可随时更新", false
	case loop.Late:
		return "已收到（逾期报送），可随时更新", true
	case loop.Missing:
		return "逾期未报：请尽快上传", true
	case loop.Unknown:
		return "已有文件（收件时间不详），可随时更新", false
	}
	return "待报送：截止前上传", false
}

// dueNow reports whether sub belongs in 本月要报: not yet due, or due and
// still missing.
func dueNow(sub loop.Submission, asOf time.Time) bool {
	return asOf.Before(sub.DueTime) || sub.Status == loop.Missing
}

// uploadName is the download of submitter's form for month m, relative
// to the submitter's page: YYYY-MM/<code>.<ext>, named as it must be
// uploaded (ext csv or xlsx).
func uploadName(m calendar.Month, submitter, ext string) string {
	return m.String() + "/" + submitter + "." + ext
}

// newDueItem is the item of sub.
func newDueItem(sub loop.Submission, form, note string) dueItem {
	label, bad := dueLabel(sub)
	it := dueItem{Form: form, Month: sub.Month, Upload: sub.Path, Due: formatTime(sub.DueTime), Label: label, Bad: bad,
		Note: note, Folder: sub.Month, CSVName: sub.Submitter + ".csv", XLSXName: sub.Submitter + ".xlsx"}
	if sub.Received != nil {
		it.Received = formatTime(*sub.Received)
	}
	return it
}

// townDue is the 本月要报 of town code: its 汇总表 of every month with
// hazards that is not yet due or is missing, deadline first. The
// downloads are the pre-filled 汇总表 (rectificationCSV/XLSX, written by
// renderTowns under uploadName).
func (s *site) townDue(code string) dueBlock {
	b := dueBlock{Dir: layout.RectificationsDir + "/"}
	for _, m := range s.monthsOf(code) {
		sub := s.tl.TownSubmission(s.opt.Receipts, m, code, s.opt.AsOf)
		if !dueNow(sub, s.opt.AsOf) {
			continue
		}
		total, filled := 0, 0
		for _, h := range s.hazardsOf(m, code) {
			total++
			if r := s.d.Rects[h.ID]; r != nil && r.Status != "" {
				filled++
			}
		}
		note := fmt.Sprintf("派发给本街镇 %d 条隐患：已填整改情况 %d 条，未填 %d 条", total, filled, total-filled)
		b.Items = append(b.Items, newDueItem(sub, "汇总表", note))
	}
	return b
}

// enterpriseDue is the 本月要报 of enterprise e: its 排查表 of every
// month it is active in, from the first hazard month of the site to the
// month of as_of, that is not yet due or is missing. The downloads are a
// blank 排查表 for that enterprise and month.
func (s *site) enterpriseDue(e reference.Enterprise) dueBlock {
	b := dueBlock{Dir: layout.HazardsDir + "/"}
	if len(s.months) == 0 {
		return b
	}
	dir := "enterprises/" + e.ID + "/"
	head := form.Get(form.Hazards).Headers()
	for m := s.months[0].Add(-1); m.Compare(calendar.MonthOf(s.opt.AsOf)) <= 0; m = m.Add(1) {
		if !e.ActiveIn(m) {
			continue
		}
		sub := loop.Evaluate1(s.d, s.opt.Receipts, model.FormHazards, m, e.ID, s.opt.AsOf, s.opt.AsOf)
		if !dueNow(sub, s.opt.AsOf) {
			continue
		}
		note := "当月安检发现的隐患，一行一条；当月没有隐患也要上传只有表头的文件"
		for _, f := range s.d.Files {
			if f.Path == sub.Path {
				note = fmt.Sprintf("已收到的文件有 %d 条隐患；更正时上传修改后的同名文件", f.Rows)
			}
		}
		path := sub.Path
		title := e.Name + " " + m.String() + " 瓶装液化石油气安全隐患排查表"
		b.Items = append(b.Items, newDueItem(sub, "排查表", note))
		if f := dir + uploadName(m, e.ID, "csv"); s.wants(f) {
			s.put(f, csvio.Encode(head, nil))
		}
		s.later(dir+uploadName(m, e.ID, "xlsx"), func() ([]byte, error) {
			return workbook.Template(form.Hazards, s.d.Ref, workbook.Options{Title: title, SaveAs: path})
		})
	}
	return b
}

// prefilledMonths are the months whose pre-filled 汇总表 a town page
// offers: those with open hazards (the downloads table) and those in its
// 本月要报.
func (s *site) prefilledMonths(p townPage) []calendar.Month {
	seen := map[string]bool{}
	var out []calendar.Month
	for _, sub := range p.Subs {
		if sub.Open > 0 || p.Due.has(sub.Month) {
			if !seen[sub.Month] {
				seen[sub.Month] = true
				out = append(out, sub.month)
			}
		}
	}
	return out
}

// has reports whether b lists month m.
func (b dueBlock) has(m string) bool {
	for _, it := range b.Items {
		if it.Month == m {
			return true
		}
	}
	return false
}
