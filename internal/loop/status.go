// Package loop is the closed loop of DESIGN.md as pure functions of the
// validated data and an as_of instant: the status model, submission
// deadlines and the monthly report (report.json, format lpg-report/2).
// It does no I/O and reads no clock; receipt times come in through the
// Receipts interface (receipts.csv now, git history later).
package loop

import (
	"time"

	"lpg/internal/calendar"
	"lpg/internal/model"
)

// Class is the state of one hazard in the status model (DESIGN.md "Status
// model"): the town's 整改状态 mapped to a report bucket.
type Class string

// The classes. Rectified, Eliminated and Void are closed; InProgress,
// NotRectified and Refused are open; NotYetDue and Unreported mean the
// town's file has no row for the hazard: NotYetDue while the town's 汇总表
// deadline for the hazard's month has not passed, Unreported from then on.
const (
	Rectified    Class = "rectified"     // 已整改 (or 当场整改 with no town row)
	Eliminated   Class = "eliminated"    // 已停止使用液化气 / 已改用管道燃气或电 / 用户已搬离
	Void         Class = "void"          // 核实无此隐患
	InProgress   Class = "in_progress"   // 整改中
	NotRectified Class = "not_rectified" // 未整改
	Refused      Class = "refused"       // 拒不整改
	NotYetDue    Class = "pending"       // no row yet, the 汇总表 is not yet due
	Unreported   Class = "unreported"    // no row in the town's 汇总表, which is due
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
	NotRectified: "未整改", Refused: "拒不整改", NotYetDue: "待报送", Unreported: "未报送",
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

// ClosedOn returns the date from which a closed class counts as closed
// (DESIGN.md "Status model"): the 整改完成日期 of the town row, or the
// inspection date for the 当场整改 default. ok is false when no date
// applies: void (核实无此隐患) is closed whatever its date, and a closed row
// without a date (invalid data) cannot be "after t" either.
func ClosedOn(h *model.Hazard, r *model.Rectification) (d calendar.Date, ok bool) {
	if r != nil {
		if statusClass[r.Status] == Void || r.RectifiedDate.IsZero() {
			return calendar.Date{}, false
		}
		return r.RectifiedDate, true
	}
	if h.InspectionDate.IsZero() {
		return calendar.Date{}, false
	}
	return h.InspectionDate, true
}

// State is a hazard with its status evaluated at an instant t.
type State struct {
	Hazard *model.Hazard
	Rect   *model.Rectification // nil when the town has no row
	Class  Class                // the status at t
	// Overdue is 用户逾期未整改: not closed at t and the household's 整改期限
	// (due date, 23:59:59 Asia/Shanghai) is before t.
	Overdue bool
	// TownOverdue is 街镇逾期未办结: not closed at t, t is after the town's
	// deadline for the hazard (TownDue: end of M+2, later when its 排查表
	// row reached the centre late) and after the due date. A town is never
	// blamed before its own deadline.
	TownOverdue bool
	Escalated   bool // not closed at t and 移交联合整治 = 是
	DaysLate    int  // whole days past the due date at t (0 when not overdue)
	// TownDaysLate is whole days past the town's deadline at t (0 when not
	// TownOverdue).
	TownDaysLate int
}

// TownDue is the town's deadline for hazard h, 23:59:59 Asia/Shanghai:
// the 汇总表 due date of its month M (end of M+2, DESIGN.md "Time"), or,
// when its 排查表 row was received later than that allows, the end of the
// month after the month the row was received (received: RowReceived, as
// Timeline.Received keeps it; README "设计卡未规定之处的决定", 街镇期限: a
// town cannot act on a hazard before it reaches the centre, and is given
// the same one full month after the month of receipt as for a 排查表
// received on time). A row received by the end of M+1 — every row of an
// on-time 排查表 — keeps end of M+2. Without a known receipt (zero
// received) it is end of M+2.
func TownDue(h *model.Hazard, received time.Time) time.Time {
	due := calendar.RectificationDue(h.Month)
	if !received.IsZero() {
		if late := calendar.MonthOf(received).Add(1).End(); late.After(due) {
			return late
		}
	}
	return due
}

// DistributionDue is when the gas centre must have distributed hazard h
// (its row received at received, zero when unknown) to its town, 23:59:59
// Asia/Shanghai: the end of M+1 (calendar.DistributionDue), or the end of
// the month the row was received when that is later (TownDue's rule, one
// month earlier).
func DistributionDue(h *model.Hazard, received time.Time) time.Time {
	due := calendar.DistributionDue(h.Month)
	if !received.IsZero() {
		if late := calendar.MonthOf(received).End(); late.After(due) {
			return late
		}
	}
	return due
}

// TownDueLate reports whether TownDue(h, received) is later than the 汇总表
// due date of h's month because its 排查表 row was received late (排查表逾期报送).
func TownDueLate(h *model.Hazard, received time.Time) bool {
	return TownDue(h, received).After(calendar.RectificationDue(h.Month))
}

// Evaluate returns the status of h (town row r, nil when none; its 排查表
// row received at received, zero when unknown: RowReceived) at t
// (DESIGN.md "Status model", report/2): a closed status dated after the
// date of t counts as 整改中 at t; with no town row the hazard is
// NotYetDue before the town's deadline (TownDue: end of M+2, later for a
// row received late) and Unreported from then on, unless it was rectified
// on the spot (当场整改). Whether the class is closed does not depend on
// received.
func Evaluate(h *model.Hazard, r *model.Rectification, received, t time.Time) State {
	s := State{Hazard: h, Rect: r, Class: Classify(h, r)}
	townDue := TownDue(h, received)
	if s.Class.Closed() {
		if d, ok := ClosedOn(h, r); ok && calendar.DateOf(t).Before(d) {
			s.Class = InProgress
		}
	}
	if s.Class == Unreported && t.Before(townDue) {
		s.Class = NotYetDue
	}
	if s.Class.Closed() {
		return s
	}
	userLate := !h.DueDate.IsZero() && h.DueDate.EndOfDay().Before(t)
	if userLate {
		s.Overdue = true
		s.DaysLate = calendar.DaysBetween(h.DueDate, calendar.DateOf(t))
	}
	if t.After(townDue) && (h.DueDate.IsZero() || userLate) {
		s.TownOverdue = true
		s.TownDaysLate = calendar.DaysBetween(calendar.DateOf(townDue), calendar.DateOf(t))
	}
	s.Escalated = r != nil && r.Joint
	return s
}

// ClosureRate is closed / total rounded half away from zero to 4 decimal
// places (1/32 → 0.0313), 0 when total is 0 (DESIGN.md "Monthly report R").
// The rounding is done on integers, so no binary fraction tips it.
func ClosureRate(closed, total int) float64 {
	if total <= 0 {
		return 0
	}
	// round(closed*10000/total) half away from zero, both non-negative.
	n := (2*closed*10000 + total) / (2 * total)
	return float64(n) / 10000
}
