package calendar

import (
	"fmt"
	"testing"
	"time"
)

func TestDeadlines(t *testing.T) {
	tests := []struct {
		month      string
		hazardDue  string
		rectifyDue string
	}{
		{"2026-07", "2026-08-25T23:59:59+08:00", "2026-09-30T23:59:59+08:00"},
		{"2026-10", "2026-11-25T23:59:59+08:00", "2026-12-31T23:59:59+08:00"},
		{"2026-11", "2026-12-25T23:59:59+08:00", "2027-01-31T23:59:59+08:00"}, // year change
		{"2026-12", "2027-01-25T23:59:59+08:00", "2027-02-28T23:59:59+08:00"}, // February
		{"2027-12", "2028-01-25T23:59:59+08:00", "2028-02-29T23:59:59+08:00"}, // leap February
		{"2026-01", "2026-02-25T23:59:59+08:00", "2026-03-31T23:59:59+08:00"},
		{"2026-02", "2026-03-25T23:59:59+08:00", "2026-04-30T23:59:59+08:00"},
	}
	for _, tt := range tests {
		m, err := ParseMonth(tt.month)
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatTime(HazardDue(m)); got != tt.hazardDue {
			t.Errorf("HazardDue(%s) = %s, want %s", tt.month, got, tt.hazardDue)
		}
		if got := FormatTime(RectificationDue(m)); got != tt.rectifyDue {
			t.Errorf("RectificationDue(%s) = %s, want %s", tt.month, got, tt.rectifyDue)
		}
	}
}

// The 25th at 23:59:59 +08:00 is on time; one second later is late; a commit
// at 23:30 UTC on the 25th is already 07:30 on the 26th in Shanghai.
func TestDueBoundary(t *testing.T) {
	due := HazardDue(Month{2026, time.October})
	tests := []struct {
		at   string
		late bool
	}{
		{"2026-11-25T23:59:59+08:00", false},
		{"2026-11-26T00:00:00+08:00", true},
		{"2026-11-25T15:59:59Z", false},
		{"2026-11-25T16:00:00Z", true},
		{"2026-11-25T23:30:00Z", true},
		{"2026-11-25T09:00:00+08:00", false},
	}
	for _, tt := range tests {
		at, err := time.Parse(time.RFC3339, tt.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := at.After(due); got != tt.late {
			t.Errorf("received %s: late = %v, want %v", tt.at, got, tt.late)
		}
	}
}

func TestMonthArithmetic(t *testing.T) {
	tests := []struct {
		m    string
		n    int
		want string
	}{
		{"2026-11", 1, "2026-12"}, {"2026-12", 1, "2027-01"}, {"2026-01", -1, "2025-12"},
		{"2026-02", -14, "2024-12"}, {"2026-07", 0, "2026-07"}, {"2026-10", 2, "2026-12"},
	}
	for _, tt := range tests {
		m, _ := ParseMonth(tt.m)
		if got := m.Add(tt.n).String(); got != tt.want {
			t.Errorf("%s + %d = %s, want %s", tt.m, tt.n, got, tt.want)
		}
	}
}

func TestParseISODate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2026-07-05", "2026-07-05", true},
		{"2026-07-32", "", false},
		{"2026-02-29", "", false},
		{"2028-02-29", "2028-02-29", true},
		{"2026-13-01", "", false},
		{"2026-7-5", "", false},
	}
	for _, tt := range tests {
		d, err := ParseISODate(tt.in)
		if (err == nil) != tt.ok || d.String() != tt.want {
			t.Errorf("ParseISODate(%q) = %v, %v; want %q ok=%v", tt.in, d, err, tt.want, tt.ok)
		}
	}
}

func TestEndOfDayAndDays(t *testing.T) {
	d := Date{2026, time.July, 31}
	if got := FormatTime(d.EndOfDay()); got != "2026-07-31T23:59:59+08:00" {
		t.Errorf("EndOfDay = %s", got)
	}
	if got := d.AddDays(30).String(); got != "2026-08-30" {
		t.Errorf("AddDays = %s", got)
	}
	if got := DaysBetween(Date{2026, time.December, 25}, Date{2027, time.January, 4}); got != 10 {
		t.Errorf("DaysBetween = %d", got)
	}
	if got := MonthOf(time.Date(2026, 10, 31, 16, 0, 0, 0, time.UTC)).String(); got != "2026-11" {
		t.Errorf("MonthOf(Oct 31 16:00 UTC) = %s, want 2026-11 (Shanghai)", got)
	}
}

// TestStringMatchesSprintf: Date.String and Month.String write what
// fmt.Sprintf("%04d-%02d-%02d") and ("%04d-%02d") write, for any value.
func TestStringMatchesSprintf(t *testing.T) {
	for _, y := range []int{-12345, -1, 0, 1, 9, 99, 999, 1900, 2026, 9999, 10000, 123456} {
		for m := time.Month(-1); m <= 14; m++ {
			for _, d := range []int{-1, 0, 1, 9, 10, 28, 31, 99, 100} {
				date := Date{Year: y, Month: m, Day: d}
				want := fmt.Sprintf("%04d-%02d-%02d", y, int(m), d)
				if date.IsZero() {
					want = ""
				}
				if got := date.String(); got != want {
					t.Errorf("Date%v.String() = %q, want %q", date, got, want)
				}
			}
			if got, want := (Month{Year: y, Month: m}).String(), fmt.Sprintf("%04d-%02d", y, int(m)); got != want {
				t.Errorf("Month{%d, %d}.String() = %q, want %q", y, m, got, want)
			}
		}
	}
}
