package render

import (
	"fmt"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/loop"
	"lpg/internal/model"
)

// Display names of codes; an unknown code is shown as is.

func (s *site) townName(code string) string {
	if t := s.d.Ref.Town(code); t != nil {
		return t.Name
	}
	return code
}

func (s *site) villageName(code string) string {
	if code == "" {
		return "（未填村居）"
	}
	if v := s.d.Ref.Village(code); v != nil {
		return v.Name
	}
	return code
}

func (s *site) enterpriseName(id string) string {
	if e := s.d.Ref.Enterprise(id); e != nil {
		return e.Name
	}
	return id
}

func (s *site) typeName(code string) string {
	if t := s.d.Ref.HazardType(code); t != nil {
		return t.Name
	}
	return code
}

// submitterName names the submitter of a form: an enterprise for 排查表, a
// town for 汇总表.
func (s *site) submitterName(form, id string) string {
	if form == model.FormHazards || form == model.FormInspections {
		return s.enterpriseName(id)
	}
	return s.townName(id)
}

// townHref is the link from the site root to a town page.
func townHref(code string) string { return "towns/" + code + "/index.html" }

// reportHref is the link from the site root to the page of report month r.
func reportHref(r string) string { return "reports/" + r + "/index.html" }

var formLabel = map[string]string{model.FormHazards: "排查表", model.FormRectifications: "汇总表", model.FormInspections: "入户安检量表"}

// percent formats a closure rate (0…1, 4 places) as a percentage.
func percent(rate float64, total int) string {
	if total == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", rate*100)
}

// formatTime formats an instant for a page, in Asia/Shanghai.
func formatTime(t time.Time) string { return t.In(calendar.Shanghai).Format("2006-01-02 15:04") }

// subRow is one expected submission on a page.
type subRow struct {
	Form, Month, Submitter, SubmitterName string
	Due, Received, Status, StatusLabel    string
	Bad                                   bool // late or missing
}

func (s *site) subRow(x loop.Submission) subRow {
	r := subRow{Form: formLabel[x.Form], Month: x.Month, Submitter: x.Submitter,
		SubmitterName: s.submitterName(x.Form, x.Submitter), Due: formatTime(x.DueTime),
		Status: x.Status, StatusLabel: loop.StatusLabel[x.Status], Bad: x.Status == loop.Late || x.Status == loop.Missing}
	if x.Received != nil {
		r.Received = formatTime(*x.Received)
	}
	return r
}

// statusText is the status of a hazard for a page or download: the town's
// 整改状态 as written when it reported one, else the class label (未报送, or
// 已整改 for 当场整改).
func statusText(st loop.State) string {
	if st.Rect != nil && st.Rect.Status != "" {
		return st.Rect.Status
	}
	if st.Class == loop.Rectified {
		return "已整改（当场整改）"
	}
	return loop.ClassLabel[st.Class]
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
