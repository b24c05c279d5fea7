// Package calendar holds the civil dates, months and deadlines of the LPG
// hazard loop. Everything here is pure: no I/O, no clock. All instants are
// in Asia/Shanghai (UTC+8, no daylight saving), per DESIGN.md "Time"; the
// zone database is embedded with time/tzdata so that a machine without
// /usr/share/zoneinfo computes the same deadlines.
package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // deadlines must not depend on the build machine's zoneinfo
)

// Shanghai is the time zone of every deadline (Asia/Shanghai).
var Shanghai = mustLoad("Asia/Shanghai")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // cannot happen: time/tzdata is embedded
	}
	return loc
}

// Date is a civil date without time or zone. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalised as time.Date does (so
// NewDate(2026, 2, 30) is 2026-03-02); use ParseISODate to reject such input.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{t.Year(), t.Month(), t.Day()}
}

// DateOf returns the civil date of t in Asia/Shanghai.
func DateOf(t time.Time) Date {
	t = t.In(Shanghai)
	return Date{t.Year(), t.Month(), t.Day()}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as YYYY-MM-DD ("" for the zero Date).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if !fourDigits(d.Year) || d.Month < 1 || d.Month > 12 || d.Day < 0 || d.Day > 99 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// as fmt.Sprintf("%04d-%02d-%02d") writes it, without its cost: a
	// hazard list at five years formats two dates for each of 30,000 rows
	// per report (issue 14)
	b := make([]byte, 10)
	putDigits(b[:4], d.Year)
	b[4] = '-'
	putDigits(b[5:7], int(d.Month))
	b[7] = '-'
	putDigits(b[8:], d.Day)
	return string(b)
}

// fourDigits reports whether y is written in exactly four digits by %04d.
func fourDigits(y int) bool { return y >= 0 && y <= 9999 }

// putDigits writes n (≥ 0, with at most len(b) digits) into b in decimal,
// padded with zeros on the left.
func putDigits(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

// AddDays returns d plus n calendar days.
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp(int(d.Month), int(e.Month))
	default:
		return cmp(d.Day, e.Day)
	}
}

func cmp(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MonthOf returns the month that contains d.
func (d Date) MonthOf() Month { return Month{d.Year, d.Month} }

// EndOfDay returns 23:59:59 of d in Asia/Shanghai: the instant at which a
// deadline falling on d expires (DESIGN.md "Status model": dates compare at
// 23:59:59 Asia/Shanghai).
func (d Date) EndOfDay() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 23, 59, 59, 0, Shanghai)
}

// DaysBetween returns the number of calendar days from d to e (negative when
// e is before d).
func DaysBetween(d, e Date) int {
	a := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(e.Year, e.Month, e.Day, 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// ParseISODate parses exactly YYYY-MM-DD and rejects dates that do not exist
// (2026-02-30, 2026-07-32).
func ParseISODate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:7])
	d, e3 := strconv.Atoi(s[8:])
	if e1 != nil || e2 != nil || e3 != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return Valid(y, m, d)
}

// Valid returns the date y-m-d or an error when it does not exist.
func Valid(y, m, d int) (Date, error) {
	if y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > DaysIn(Month{y, time.Month(m)}) {
		return Date{}, fmt.Errorf("date %04d-%02d-%02d does not exist", y, m, d)
	}
	return Date{y, time.Month(m), d}, nil
}

// Month is a calendar month such as 2026-07.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth parses YYYY-MM.
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	if len(s) != 7 || s[4] != '-' {
		return Month{}, fmt.Errorf("month %q is not YYYY-MM", s)
	}
	y, e1 := strconv.Atoi(s[:4])
	m, e2 := strconv.Atoi(s[5:])
	if e1 != nil || e2 != nil || m < 1 || m > 12 || y < 1900 || y > 2999 {
		return Month{}, fmt.Errorf("month %q is not YYYY-MM", s)
	}
	return Month{y, time.Month(m)}, nil
}

// String formats m as YYYY-MM.
func (m Month) String() string {
	if !fourDigits(m.Year) || m.Month < 1 || m.Month > 12 {
		return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
	}
	b := make([]byte, 7) // as %04d-%02d, without fmt (issue 14)
	putDigits(b[:4], m.Year)
	b[4] = '-'
	putDigits(b[5:], int(m.Month))
	return string(b)
}

// Compact formats m as YYYYMM, the form used inside hazard ids.
func (m Month) Compact() string { return fmt.Sprintf("%04d%02d", m.Year, int(m.Month)) }

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m == Month{} }

// Add returns m plus n months (n may be negative).
func (m Month) Add(n int) Month {
	i := m.Year*12 + int(m.Month) - 1 + n
	return Month{i / 12, time.Month(i%12 + 1)}
}

// Compare returns -1, 0 or +1 as m is before, equal to or after o.
func (m Month) Compare(o Month) int {
	return cmp(m.Year*12+int(m.Month), o.Year*12+int(o.Month))
}

// First returns the first day of m.
func (m Month) First() Date { return Date{m.Year, m.Month, 1} }

// Last returns the last day of m.
func (m Month) Last() Date { return Date{m.Year, m.Month, DaysIn(m)} }

// Contains reports whether d falls inside m.
func (m Month) Contains(d Date) bool { return d.Year == m.Year && d.Month == m.Month }

// End returns the last second of m: its last day at 23:59:59 Asia/Shanghai.
func (m Month) End() time.Time { return m.Last().EndOfDay() }

// MonthOf returns the month of t in Asia/Shanghai.
func MonthOf(t time.Time) Month { return DateOf(t).MonthOf() }

// DaysIn returns the number of days of m (28–31).
func DaysIn(m Month) int {
	return time.Date(m.Year, m.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// HazardDue is the deadline of the 排查表 for inspection month m: the 25th
// of m+1 at 23:59:59 Asia/Shanghai (DESIGN.md "Time"; 青浦区瓶装液化石油气安全
// 管理意见 第4条).
func HazardDue(m Month) time.Time {
	n := m.Add(1)
	return Date{n.Year, n.Month, 25}.EndOfDay()
}

// DistributionDue is when the gas centre must have distributed the hazards
// of month m to the towns: the last day of m+1, 23:59:59 Asia/Shanghai.
func DistributionDue(m Month) time.Time { return m.Add(1).End() }

// RectificationDue is the deadline of the 汇总表 for the hazards of month m:
// the last day of m+2 at 23:59:59 Asia/Shanghai (DESIGN.md "Time").
func RectificationDue(m Month) time.Time { return m.Add(2).End() }

// FormatTime formats t in Asia/Shanghai as RFC 3339 with seconds
// ("2026-11-30T23:59:59+08:00"), the form used in report.json.
func FormatTime(t time.Time) string { return t.In(Shanghai).Format(time.RFC3339) }
