// Package loop is the closed loop of DESIGN.md as pure functions of the
// validated data and an as_of instant: the status model, submission
// deadlines and the monthly report (report.json, format lpg-report/1).
// It does no I/O and reads no clock; receipt times come in through the
// Receipts interface (receipts.csv now, git history later).
package loop

import (
	"math"
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// Class is the state of one hazard in the status model (DESIGN.md "Status
// model"): the town's 整改状态 mapped to a report bucket.
type Class string

// The classes. Rectified, Eliminated and Void are closed; InProgress,
// NotRectified and Refused are open; Unreported means the town's file has
// no row for the hazard.
const (
	Rectified    Class = "rectified"     // 已整改 (or 当场整改 with no town row)
	Eliminated   Class = "eliminated"    // 已停止使用液化气 / 已改用管道燃气或电 / 用户已搬离
	Void         Class = "void"          // 核实无此隐患
	InProgress   Class = "in_progress"   // 整改中
	NotRectified Class = "not_rectified" // 未整改
	Refused      Class = "refused"       // 拒不整改
	Unreported   Class = "unreported"    // no row in the town's 汇总表
)

// statusClass maps 整改状态 to its Class.
var statusClass = map[string]Class{
	"已整改":       Rectified,
	"已停止使用液化气":  Eliminated,
	"已改用管道燃气或电": Eliminated,
	"用户已搬离":     Eliminated,
	"核实无此隐患":    Void,
	"整改中":       InProgress,
	"未整改":       NotRectified,
	"拒不整改":      Refused,
}

// ClassLabel is the Chinese label of each class, for pages.
var ClassLabel = map[Class]string{
	Rectified: "已整改", Eliminated: "已消除", Void: "核实无此隐患", InProgress: "整改中",
	NotRectified: "未整改", Refused: "拒不整改", Unreported: "未报送",
}

// Closed reports whether c is a closed class.
func (c Class) Closed() bool { return c == Rectified || c == Eliminated || c == Void }

// Classify returns the class of hazard h given its town row r (nil when
// the town has not reported it). A town row always wins; without one, a
// hazard rectified on the spot (当场整改) counts as rectified on its
// inspection date.
func Classify(h *model.Hazard, r *model.Rectification) Class {
	if r != nil {
		if c, ok := statusClass[r.Status]; ok {
			return c
		}
		return Unreported
	}
	if h.OnsiteAction == "当场整改" {
		return Rectified
	}
	return Unreported
}

// State is a hazard with its status evaluated at an instant.
type State struct {
	Hazard    *model.Hazard
	Rect      *model.Rectification // nil when unreported
	Class     Class
	Overdue   bool // not closed and the due date's 23:59:59 (Shanghai) is before as_of
	Escalated bool // not closed and 移交联合整治 = 是
	DaysLate  int  // whole days past the due date at as_of (0 when not overdue)
}

// Evaluate returns the state of h at asOf.
func Evaluate(h *model.Hazard, r *model.Rectification, asOf time.Time) State {
	s := State{Hazard: h, Rect: r, Class: Classify(h, r)}
	if !s.Class.Closed() {
		if !h.DueDate.IsZero() && h.DueDate.EndOfDay().Before(asOf) {
			s.Overdue = true
			s.DaysLate = calendar.DaysBetween(h.DueDate, calendar.DateOf(asOf))
		}
		s.Escalated = r != nil && r.Joint
	}
	return s
}

// States evaluates every hazard of d at asOf, in hazard id order.
func States(d *model.Dataset, asOf time.Time) []State {
	out := make([]State, len(d.Hazards))
	for i, h := range d.Hazards {
		out[i] = Evaluate(h, d.Rects[h.ID], asOf)
	}
	return out
}

// ClosureRate is closed / total rounded to 4 places, 0 when total is 0
// (DESIGN.md "Monthly report R").
func ClosureRate(closed, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(float64(closed)/float64(total)*10000) / 10000
}
