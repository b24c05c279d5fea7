package validate

import (
	"strconv"
	"strings"
	"testing"

	"lpg/internal/layout"
	"lpg/internal/model"
)

// TestIDKey: two ids have the same idKey exactly when the strings the
// key stands for (layout.HazardID.Key of a parsed id, else the id) are
// equal, over every pair of ids below; so do their idNums (idIndex.num)
// and, where both fit, their packed forms. TestIDIndex: what is recorded
// is found again, whichever of the three places holds it.
func TestIDKey(t *testing.T) {
	want := func(id string) string {
		if h, err := layout.ParseHazardID(id); err == nil {
			return h.Key()
		}
		return id
	}
	ids := []string{"E01-202608-0010", "E01-202608-00010", "E01-202608-10", "E01-202608-010", "E01-202608-0011",
		"E02-202608-0010", "E01-202609-0010", "E01-202608-0000", "E01-202608-0", "E01-202608-00", "E01-202608-",
		"E01-202608-1x", "10", "010", "", "-", "E01-202613-0010", "E01-202613-10", "E01-202608-99999999999999999999",
		"E01-202608-" + strconv.Itoa(1<<40), "E01-202608-" + strings.Repeat("0", 3) + strconv.Itoa(1<<40), "a-b-c-0010", "a-b-c-10"}
	x := idIndex{prefixes: map[string]uint32{}} // numbered in the order met, "" among them
	for _, a := range ids {
		for _, b := range ids {
			if got, w := idKey(a) == idKey(b), want(a) == want(b); got != w {
				t.Errorf("idKey(%q) == idKey(%q) is %v, want %v", a, b, got, w)
			}
			if got, w := x.num(idKey(a)) == x.num(idKey(b)), want(a) == want(b); got != w {
				t.Errorf("idNum of %q == idNum of %q is %v, want %v", a, b, got, w)
			}
			pa, oka := x.num(idKey(a)).pack()
			pb, okb := x.num(idKey(b)).pack()
			if got, w := oka && okb && pa == pb, oka && okb && want(a) == want(b); got != w {
				t.Errorf("packed idNum of %q == that of %q is %v, want %v", a, b, got, w)
			}
		}
	}
}

func TestIDIndex(t *testing.T) {
	x := idIndex{prefixes: map[string]uint32{}, packed: map[uint64]*model.Hazard{}}
	ids := []string{"E01-202608-0010", "E01-202608-" + strconv.Itoa(1<<40), "E01-202608-" + strconv.Itoa(1<<40-1), "E01-202608-1x", "E02-202608-0010",
		"E01-202608-1025", "E01-202608-1026", "E01-202608-0000", "E02-202608-5000", "E02-202608-0001"}
	hs := map[string]*model.Hazard{}
	for _, id := range ids {
		if x.first(x.num(idKey(id))) != nil {
			t.Errorf("%s found before it was added", id)
		}
		hs[id] = &model.Hazard{ID: id}
		x.record(x.num(idKey(id)), hs[id])
	}
	for _, id := range ids {
		if got := x.first(x.num(idKey(id))); got != hs[id] {
			t.Errorf("%s: found %v, want its own hazard", id, got)
		}
	}
	// dense: 0010, 1025 (E01 has 4 by then: 2 × 4 + 1024 = 1032 > 1025), 1026,
	// 0000, E02's 0010 and 0001; packed: 2^40-1, E02's 5000 (5000 ≥ 2 × 2 + 1024);
	// other: 2^40 and 1x
	dense := 0
	for _, d := range x.dense {
		for _, h := range d {
			if h != nil {
				dense++
			}
		}
	}
	if dense != 6 || len(x.packed) != 2 || len(x.other) != 2 {
		t.Errorf("%d dense, %d packed, %d other; want 6, 2 and 2", dense, len(x.packed), len(x.other))
	}
	if n := len(x.dense[0]); n != 1027 {
		t.Errorf("E01's dense array is %d long, want 1027", n)
	}
}
