package layout

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
)

func TestParseSubmission(t *testing.T) {
	for _, tt := range []struct {
		path string
		want string // Submission.Path() or "" for an error
		code string
	}{
		{"data/hazards/2026-10/E01.csv", "data/hazards/2026-10/E01.csv", ""},
		{"data/rectifications/2026-07/310118102.csv", "data/rectifications/2026-07/310118102.csv", ""},
		{"data/inspections/2026-07/E01.csv", "data/inspections/2026-07/E01.csv", ""},
		{"data/inspections/2026-7/E01.csv", "", "file.location"},
		{"data/inspections/E01.csv", "", "file.location"},
		{"data/hazards/2026-10 /E01.csv", "", "file.location"}, // hole 3: trailing space
		{"data/hazards/ 2026-10/E01.csv", "", "file.location"},
		{"data/hazards/2026-1/E01.csv", "", "file.location"},
		{"data/hazards/2026-13/E01.csv", "", "file.location"},
		{"data/hazards/2026-10/E01.CSV", "", "file.location"},
		{"data/hazards/2026-10/E 01.csv", "", "file.location"},
		{"data/hazards/2026-10/x/E01.csv", "", "file.location"},
		{"data/hazards/E01.csv", "", "file.location"},
		{"data/liaisons.csv", "", "file.location"},
	} {
		s, err := ParseSubmission(tt.path)
		var le *Error
		switch {
		case tt.want != "" && (err != nil || s.Path() != tt.want):
			t.Errorf("ParseSubmission(%q) = %v, %v; want %s", tt.path, s, err, tt.want)
		case tt.want == "" && (!errors.As(err, &le) || le.Code != tt.code || le.Message == ""):
			t.Errorf("ParseSubmission(%q) error = %v; want code %s", tt.path, err, tt.code)
		}
	}
}

func TestParseHazardID(t *testing.T) {
	h, err := ParseHazardID("E01-202610-0001")
	if err != nil || h.Enterprise != "E01" || h.Month != (calendar.Month{Year: 2026, Month: 10}) || h.Seq != 1 {
		t.Fatalf("got %+v, %v", h, err)
	}
	if h.File() != "data/hazards/2026-10/E01.csv" || h.Key() != "E01-202610-1" {
		t.Errorf("File %s Key %s", h.File(), h.Key())
	}
	a, _ := ParseHazardID("E01-202608-0010")
	b, _ := ParseHazardID("E01-202608-00010")
	if a.Key() != b.Key() {
		t.Errorf("keys differ: %s %s", a.Key(), b.Key())
	}
	for _, bad := range []string{"", "E01-2026-0001", "E01-202613-0001", "E01-202610-001", "E-1-202610-0001", "E01-202610-0001 ", "E01_202610_0001", "E01-202610-0001-1", "E01-202610", "-202610-0001", "E01--0001"} {
		if _, err := ParseHazardID(bad); err == nil {
			t.Errorf("ParseHazardID(%q) accepted", bad)
		}
	}
}

func TestCheckNotFuture(t *testing.T) {
	asOf := time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC) // 2026-12-01 04:00 in Shanghai
	for _, tt := range []struct {
		m  string
		ok bool
	}{{"2026-11", true}, {"2026-12", true}, {"2027-01", true}, {"2027-02", false}, {"2099-11", false}} {
		m, _ := ParseMonth(tt.m)
		err := CheckNotFuture("p", m, asOf)
		if (err == nil) != tt.ok {
			t.Errorf("%s: err = %v", tt.m, err)
		}
	}
	m, _ := ParseMonth("2099-11")
	if CheckNotFuture("p", m, time.Time{}) != nil {
		t.Error("zero as_of should check nothing")
	}
}

func TestOwned(t *testing.T) {
	if got := Owned(RoleEnterprise, "E01"); !reflect.DeepEqual(got, []string{"data/hazards/*/E01.csv", "data/inspections/*/E01.csv"}) {
		t.Error(got)
	}
	if got := Owned(RoleTown, "310118102"); !reflect.DeepEqual(got, []string{"data/rectifications/*/310118102.csv"}) {
		t.Error(got)
	}
	if got := Owned(RoleGasCentre, ""); got != nil {
		t.Error(got)
	}
	if got := InspectionPath(calendar.Month{Year: 2026, Month: 7}, "E01"); got != "data/inspections/2026-07/E01.csv" {
		t.Error(got)
	}
	if k, ok := KindOf("data/inspections/2026-07/E01.csv"); !ok || k != Inspections || !IsSubmission("data/inspections/2026-07/E01.csv") {
		t.Error(k, ok)
	}
	if Login(" @ent-e01 ") != "ent-e01" {
		t.Error(Login(" @ent-e01 "))
	}
}
