package validate

import (
	"strconv"
	"strings"
	"testing"

	"lpg/internal/layout"
)

// TestIDKey: two ids have the same idKey exactly when the strings the
// key stands for (layout.HazardID.Key of a parsed id, else the id) are
// equal, over every pair of ids below.
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
	for _, a := range ids {
		for _, b := range ids {
			if got, w := idKey(a) == idKey(b), want(a) == want(b); got != w {
				t.Errorf("idKey(%q) == idKey(%q) is %v, want %v", a, b, got, w)
			}
		}
	}
}
