package loop

import (
	"reflect"
	"testing"
	"time"

	"lpg/internal/calendar"
)

// TestPackedSide: a side packed into a shared table gives back an equal
// side (nil lists nil, empty lists empty), the table holds each distinct
// id, class and town once across sides, and comparing unpacked sides is
// comparing the originals.
func TestPackedSide(t *testing.T) {
	asOf := time.Date(2026, 11, 30, 23, 59, 59, 0, calendar.Shanghai)
	rep := Report{Period: "2026-11", Open: Open{Total: 3}}
	tests := []struct {
		name string
		side Side
		len  int // table size after packing this and the sides before it
	}{
		{"nil lists", Side{AsOfR: asOf, Report: rep}, 0},
		{"empty lists", Side{AsOfR: asOf, IDs: []string{}, Classes: []Class{}, Towns: []string{}}, 0},
		{"three hazards, a town twice",
			Side{AsOfR: asOf, Report: rep, IDs: []string{"E01-202609-0001", "E01-202609-0002", "E02-202610-0001"},
				Classes: []Class{NotYetDue, Rectified, NotYetDue}, Towns: []string{"T1", "T2", "T1"}}, 7},
		{"a later edition: one hazard more, one class moved",
			Side{AsOfR: asOf.Add(time.Hour), Report: rep, IDs: []string{"E01-202609-0001", "E01-202609-0002", "E02-202610-0001", "E02-202610-0002"},
				Classes: []Class{Unreported, Rectified, NotYetDue, Refused}, Towns: []string{"T1", "T2", "T1", "T3"}}, 11},
		{"a string that is an id, a class and a town", Side{IDs: []string{"T1"}, Classes: []Class{"T1"}, Towns: []string{"T1"}}, 11},
	}
	strs := NewSideStrings()
	var packed []*PackedSide
	for _, tt := range tests {
		p := strs.Pack(tt.side)
		packed = append(packed, p)
		if got := p.Side(); !reflect.DeepEqual(got, tt.side) {
			t.Errorf("%s: Pack(s).Side()\n got %#v\nwant %#v", tt.name, got, tt.side)
		}
		if strs.Len() != tt.len {
			t.Errorf("%s: Len() = %d, want %d", tt.name, strs.Len(), tt.len)
		}
	}
	for i, tt := range tests { // packing later sides leaves earlier ones as they were
		if got := packed[i].Side(); !reflect.DeepEqual(got, tt.side) {
			t.Errorf("%s after packing the rest: Side()\n got %#v\nwant %#v", tt.name, got, tt.side)
		}
	}
	a, b := tests[2].side, tests[3].side
	want := Changes{AsOfA: asOf, AsOfB: asOf.Add(time.Hour), Added: []string{"E02-202610-0002"},
		Status: []StatusChange{{ID: "E01-202609-0001", Town: "T1", From: NotYetDue, To: Unreported}}}
	if got := CompareSides(packed[2].Side(), packed[3].Side()); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(got, CompareSides(a, b)) {
		t.Errorf("CompareSides of unpacked sides\n got %+v\nwant %+v", got, want)
	}
}
